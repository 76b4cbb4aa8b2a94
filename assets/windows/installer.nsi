; The per-user installer of ocop-tracker (issue 22), built on Linux by tools/build-windows
; with Debian's NSIS (makensis). No administrator rights: everything goes under the user's
; own folders and HKEY_CURRENT_USER.
;
;   makensis -DVERSION=0.1.0 -DSTAGE=$PWD/dist/ocop-tracker-0.1.0-windows-x64 \
;            -DICON=$PWD/assets/icon.ico -DOUT=$PWD/dist/x-setup.exe assets/windows/installer.nsi
; (absolute paths: makensis works from the script's folder)
;
; STAGE is the unzipped package folder (ocop-tracker.exe, saves\, fonts\, the .txt files).
; Silent: `ocop-tracker-…-setup.exe /S`; the uninstaller takes /S too.
; The uninstaller removes the program's own files, shortcuts and registry keys. It never
; touches a workspace: not the officer's (they live wherever the officer made them, in
; Documents by default), and not the demo in $INSTDIR\saves, which is left in place.

Unicode true
; 64-bit stubs: Debian's wine64 cannot start the default 32-bit ones, and the program is
; 64-bit anyway.
Target amd64-unicode
!ifdef FAST
  ; tools/wine-smoke: a test installer of the debug build, made in seconds.
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION
  !error "-DVERSION=… is required"
!endif
!ifndef STAGE
  !error "-DSTAGE=… (the package folder) is required"
!endif
!ifndef OUT
  !define OUT "ocop-tracker-${VERSION}-setup.exe"
!endif

!define APP_NAME "Theo dõi OCOP"
!define APP_EXE "ocop-tracker.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\ocop-tracker"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\ocop-tracker"
InstallDirRegKey HKCU "Software\ocop-tracker" "InstallDir"
BrandingText "ocop-tracker ${VERSION}"

!include "MUI2.nsh"
!ifndef ICON
  !error "-DICON=… (assets/icon.ico) is required"
!endif
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileDescription" "Cài đặt ${APP_NAME}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "LegalCopyright" "MIT OR Apache-2.0"

Section "Install"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\${APP_EXE}"
  File "${STAGE}\README-Windows.txt"
  File "${STAGE}\LICENSE-MIT.txt"
  File "${STAGE}\LICENSE-APACHE.txt"
  File "${STAGE}\THIRD-PARTY.txt"
  SetOutPath "$INSTDIR\fonts"
  File "${STAGE}\fonts\*.*"
  ; The demo: installed once, never overwritten (an officer may have looked around in it),
  ; never removed by the uninstaller.
  SetOverwrite off
  SetOutPath "$INSTDIR\saves"
  File /r "${STAGE}\saves\*.*"
  SetOverwrite on
  SetOutPath "$INSTDIR"

  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  ; Opening bundles from Explorer. Windows associates only a name's last extension, so
  ; `.ocop.zip` cannot have its own type: the program is offered for every .zip under
  ; "Open with", and a .zip's right-click menu gets "Mở hồ sơ OCOP (.ocop.zip)". The
  ; user's own default for .zip (Explorer's folders, 7-Zip) is left alone.
  WriteRegStr HKCU "Software\Classes\Applications\${APP_EXE}" "FriendlyAppName" "${APP_NAME}"
  WriteRegStr HKCU "Software\Classes\Applications\${APP_EXE}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "Software\Classes\Applications\${APP_EXE}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\${APP_EXE}\SupportedTypes" ".zip" ""
  WriteRegStr HKCU "Software\Classes\.zip\OpenWithList\${APP_EXE}" "" ""
  WriteRegStr HKCU "Software\Classes\SystemFileAssociations\.zip\shell\ocop-tracker" "MUIVerb" "Mở hồ sơ OCOP (.ocop.zip)"
  WriteRegStr HKCU "Software\Classes\SystemFileAssociations\.zip\shell\ocop-tracker" "Icon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "Software\Classes\SystemFileAssociations\.zip\shell\ocop-tracker\command" "" '"$INSTDIR\${APP_EXE}" "%1"'

  ; Settings → Apps lists it, with its uninstaller.
  WriteRegStr HKCU "Software\ocop-tracker" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME} (ocop-tracker)"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "ocop-tracker"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  ; Only the files this installer put here; workspaces are never touched (the demo in
  ; saves\ stays: delete it yourself if you never worked in it).
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\README-Windows.txt"
  Delete "$INSTDIR\LICENSE-MIT.txt"
  Delete "$INSTDIR\LICENSE-APACHE.txt"
  Delete "$INSTDIR\THIRD-PARTY.txt"
  Delete "$INSTDIR\fonts\DejaVuSans.ttf"
  Delete "$INSTDIR\fonts\DejaVuSans-Bold.ttf"
  Delete "$INSTDIR\fonts\LICENSE-DejaVu.txt"
  Delete "$INSTDIR\fonts\LICENSE-Liberation.txt"
  RMDir "$INSTDIR\fonts"
  Delete "$INSTDIR\uninstall.exe"
  ; Removed only when empty (no demo left, nothing the officer put there).
  RMDir "$INSTDIR"

  DeleteRegKey HKCU "Software\Classes\Applications\${APP_EXE}"
  DeleteRegKey HKCU "Software\Classes\.zip\OpenWithList\${APP_EXE}"
  DeleteRegKey HKCU "Software\Classes\SystemFileAssociations\.zip\shell\ocop-tracker"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\ocop-tracker"
SectionEnd
