; 伴走ノート's Windows installer: for the current user, no administrator rights.
; Built by scripts/windows.sh with Debian's makensis over the exes cargo built
; for x86_64-pc-windows-gnu (Tauri's own NSIS bundling downloads its NSIS and
; plugins from github.com, which this build machine cannot reach).
; makensis -DVERSION=0.1.0 -DSTAGE=<folder with the files> -DOUTFILE=<setup.exe>

; 64-bit like the app (and Unicode): a 32-bit stub would not run where the app
; cannot either, and 64-bit Wine runs it without a 32-bit layer.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!define PRODUCT "伴走ノート"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\jp.bansou-note.app"
!define WEBVIEW2_GUID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
; The user's own programs folder (%LOCALAPPDATA%\Programs), as per-user apps do.
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1041 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1041 "FileDescription" "${PRODUCT} セットアップ"
VIAddVersionKey /LANG=1041 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1041 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1041 "LegalCopyright" "伴走ノートの開発者"

!include "MUI2.nsh"
!define MUI_ICON "${STAGE}\icon.ico"
!define MUI_UNICON "${STAGE}\icon.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\bansou-note.exe"
!define MUI_FINISHPAGE_RUN_TEXT "伴走ノートを起動する"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Japanese"

Function .onInit
  ; WebView2 draws the window. Windows 11 has it; if this PC lacks it, say so
  ; now (the app says it again at start) and install anyway.
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  StrCmp $0 "" 0 found
  ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_GUID}" "pv"
  StrCmp $0 "" 0 found
  IfSilent found
  MessageBox MB_OK|MB_ICONINFORMATION "この PC には Microsoft Edge WebView2 ランタイムが見つかりませんでした。$\r$\n$\r$\n伴走ノートの画面には WebView2 が必要です。インストールのあと、Microsoft の WebView2 のページ（https://developer.microsoft.com/ja-jp/microsoft-edge/webview2/）から「エバーグリーン ブートストラップ」を実行してください（管理者権限は不要です）。"
  found:
FunctionEnd

Section "伴走ノート" main
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\bansou-note.exe"
  File "${STAGE}\bansou.exe"
  File "${STAGE}\icon.ico"
  SetOutPath "$INSTDIR\licenses"
  File "${STAGE}\licenses\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\bansou-note.exe" "" "$INSTDIR\icon.ico"

  ; 「アプリと機能」 lists it for this user.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "伴走ノートの開発者"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" ${SIZE_KB}
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; The records stay: %APPDATA%\bansou-note (the database and its backups) is
  ; the user's, not the program's.
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$INSTDIR\bansou-note.exe"
  Delete "$INSTDIR\bansou.exe"
  Delete "$INSTDIR\icon.ico"
  RMDir /r "$INSTDIR\licenses"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
