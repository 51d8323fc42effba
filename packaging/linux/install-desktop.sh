#!/bin/sh
# Menu entry, desktop shortcut, icon and the draft file type (*.gkbg.json) for the current user, pointing at
# the gkbg in this folder.  No administrator rights needed.  Run it again after moving the folder.
#     ./install-desktop.sh            install        ./install-desktop.sh --remove      take it away again
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
DESKTOP_DIR=$(xdg-user-dir DESKTOP 2>/dev/null || echo "$HOME/Desktop")
ENTRY="$DATA/applications/gkbg.desktop"
if [ "$1" = "--remove" ]; then
    rm -f "$ENTRY" "$DESKTOP_DIR/gkbg.desktop" "$DATA/mime/packages/gkbg.xml" "$DATA/icons/hicolor/256x256/apps/gkbg.png"
    update-mime-database "$DATA/mime" >/dev/null 2>&1 || true
    echo "已移除菜单项、桌面快捷方式和草稿文件类型"
    exit 0
fi
mkdir -p "$DATA/applications" "$DATA/mime/packages" "$DATA/icons/hicolor/256x256/apps"
cp "$HERE/_internal/resources/icons/gkbg-256.png" "$DATA/icons/hicolor/256x256/apps/gkbg.png"
cp "$HERE/gkbg-mime.xml" "$DATA/mime/packages/gkbg.xml"
sed -e "s|^Exec=gkbg|Exec=\"$HERE/gkbg\"|" -e "s|^Icon=gkbg|Icon=$DATA/icons/hicolor/256x256/apps/gkbg.png|" \
    "$HERE/gkbg.desktop" > "$ENTRY"
chmod +x "$ENTRY"
if [ -d "$DESKTOP_DIR" ]; then
    cp "$ENTRY" "$DESKTOP_DIR/gkbg.desktop"
    chmod +x "$DESKTOP_DIR/gkbg.desktop"
    # GNOME-based desktops ask before starting a launcher that is not marked as trusted
    gio set "$DESKTOP_DIR/gkbg.desktop" metadata::trusted true >/dev/null 2>&1 || true
fi
update-mime-database "$DATA/mime" >/dev/null 2>&1 || true
update-desktop-database "$DATA/applications" >/dev/null 2>&1 || true
echo "已添加：开始菜单（办公）中的“政府信息公开年报填报助手”、桌面快捷方式、草稿文件（*.gkbg.json）的打开方式"
