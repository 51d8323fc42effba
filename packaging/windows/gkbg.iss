; Inno Setup script (Inno Setup 6): the Windows installer of the bundle folder made by packaging/build.py.
;
;     python packaging\build.py
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\gkbg.iss
;
; Gives a Start-menu entry, a desktop icon (a task, ticked), "open with" for draft files (*.gkbg.json) and an
; uninstaller.  Installs for all users when started as administrator, otherwise for the current user only
; (no administrator rights needed on an office PC).  The user's drafts, settings and recovery copies are never
; touched by the uninstaller.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "政府信息公开年报填报助手"
#define Dist "..\..\dist\gkbg"
#define ProgId "gkbg.draft"

[Setup]
AppId={{6F1C2B9E-4D7A-4C3E-9B61-2A8E5D0F7C41}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=gkbg
DefaultDirName={autopf}\gkbg
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir=..\..\dist
OutputBaseFilename=gkbg-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\gkbg.ico
UninstallDisplayIcon={app}\gkbg.exe
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\Unofficial\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\Unofficial\ChineseSimplified.isl"
#else
Name: "chs"; MessagesFile: "compiler:Default.isl"
#endif

[CustomMessages]
chs.DesktopIcon=在桌面上创建快捷方式
chs.Associate=在“打开方式”中加入本程序（报告草稿 *.gkbg.json）
chs.DraftType=政府信息公开年报草稿
chs.Launch=立即运行

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"
Name: "associate"; Description: "{cm:Associate}"

[Files]
Source: "{#Dist}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\gkbg.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\gkbg.exe"; Tasks: desktopicon

[Registry]
; Windows knows a file by its last extension only: a draft is a ".json".  The program joins the "open with"
; list of .json files (and opens drafts by double click once the user picks it), without taking .json over.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:DraftType}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\gkbg.exe,0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\gkbg.exe"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\gkbg.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\gkbg.exe\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\gkbg.exe\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\gkbg.exe"" ""%1"""; Tasks: associate

[Run]
Filename: "{app}\gkbg.exe"; Description: "{cm:Launch}"; Flags: nowait postinstall skipifsilent
