; Per-user Windows installer for AIPM Desktop (NSIS 3, 64-bit, Unicode).
;
; Built on Linux by `make dist-windows` (packaging/windows/build_windows.py), which lays
; out the program folder (aipm-desktop.exe, runtime\ with the embedded Python, lib\ with
; the app and its libraries) and runs:
;
;   makensis /DVERSION=0.1.0 /DDIST_DIR=build/windows/AIPM Desktop aipm-desktop.nsi
;
; Optional defines: DIST_DIR (the program folder, default ..\..\build\windows\AIPM Desktop
; relative to this file), OUT_FILE (default ..\..\dist\AIPM-Desktop-VERSION-setup.exe) and
; VERSION_NUMERIC (four numbers for the file's version resource, default VERSION.0).
;
; Installs into %LOCALAPPDATA%\Programs\AIPM Desktop without administrator rights, adds a
; Start-menu shortcut and an entry in "Installed apps" with an uninstaller. Installing a
; newer version over an older one replaces the program files only, and removes a speech
; add-on (aipm-desktop-speech.nsi, in speech\) of another version. The uninstaller removes
; the add-on too. The user's data (%APPDATA%\aipm\aipm-desktop) is never touched, not even
; by the uninstaller.

Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "pass the version: makensis /DVERSION=0.1.0 aipm-desktop.nsi"
!endif
!ifndef VERSION_NUMERIC
  !define VERSION_NUMERIC "${VERSION}.0"
!endif
!ifndef DIST_DIR
  !define DIST_DIR "${__FILEDIR__}\..\..\build\windows\AIPM Desktop"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "${__FILEDIR__}\..\..\dist\AIPM-Desktop-${VERSION}-setup.exe"
!endif

!define APP_NAME "AIPM Desktop"
!define EXE_NAME "aipm-desktop.exe"
!define PUBLISHER "AIPM Desktop developers"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\aipm-desktop"
!define SPEECH_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\aipm-desktop-speech"
!define ICON "${__FILEDIR__}/../../resources/icons/aipm-desktop.ico"  ; "/": makensis on Linux reads it too

Name "${APP_NAME}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

!include "MUI2.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE_NAME}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

VIProductVersion "${VERSION_NUMERIC}"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP_NAME} installer"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}"

Section "Install"
  SetShellVarContext current
  ; An upgrade: drop the old version's program files so no stale library is left.
  RMDir /r "$INSTDIR\runtime"
  RMDir /r "$INSTDIR\lib"
  ; The speech add-on's compiled libraries fit one version of the app only.
  ReadRegStr $0 HKCU "${SPEECH_KEY}" "DisplayVersion"
  StrCmp $0 "" speech_checked
  StrCmp $0 "${VERSION}" speech_checked
    DetailPrint "Removing the speech add-on $0: install the one of version ${VERSION}."
    RMDir /r "$INSTDIR\speech"
    DeleteRegKey HKCU "${SPEECH_KEY}"
  speech_checked:
  SetOutPath "$INSTDIR"
  File /r "${DIST_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${EXE_NAME}" "" "$INSTDIR\${EXE_NAME}" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  ; Only what the installer put there (and the .pyc files Python wrote beside the
  ; libraries); %APPDATA%\aipm\aipm-desktop (the user's data) stays.
  RMDir /r "$INSTDIR\runtime"
  RMDir /r "$INSTDIR\lib"
  RMDir /r "$INSTDIR\speech"  ; the speech add-on, if installed
  DeleteRegKey HKCU "${SPEECH_KEY}"
  Delete "$INSTDIR\${EXE_NAME}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
