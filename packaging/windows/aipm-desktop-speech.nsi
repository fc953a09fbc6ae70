; The speech add-on for AIPM Desktop on Windows (NSIS 3, 64-bit, Unicode, per user).
;
; Built on Linux by `make dist-windows-speech` (packaging/windows/build_windows_speech.py),
; which unpacks the add-on's wheels (requirements-speech.txt) into DIST_DIR\lib and runs:
;
;   makensis /DVERSION=0.1.0 /DDIST_DIR=build/windows-speech/speech aipm-desktop-speech.nsi
;
; Optional defines: OUT_FILE (default ..\..\dist\AIPM-Desktop-Speech-VERSION-setup.exe),
; VERSION_NUMERIC (four numbers for the version resource) and SIZE_KB (for "Installed apps").
;
; It finds the app through the per-user "Installed apps" entry the app's installer writes
; (aipm-desktop.nsi) and refuses to go on when the app is missing or another version. It
; installs into the app's folder as speech\lib, which the app's runtime\python313._pth puts
; on sys.path, so the app imports the engine in-process. It writes its own uninstaller
; (speech\uninstall-speech.exe) and "Installed apps" entry; the app's uninstaller removes
; the add-on too. The user's data (%APPDATA%\aipm\aipm-desktop) is never touched.

Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "pass the version: makensis /DVERSION=0.1.0 aipm-desktop-speech.nsi"
!endif
!ifndef VERSION_NUMERIC
  !define VERSION_NUMERIC "${VERSION}.0"
!endif
!ifndef DIST_DIR
  !define DIST_DIR "${__FILEDIR__}\..\..\build\windows-speech\speech"
!endif
!ifdef SIZE_KB
  !define /math SIZE_MB ${SIZE_KB} / 1024
  !define SIZE_TEXT "about ${SIZE_MB} MB of libraries and model"
!else
  !define SIZE_TEXT "libraries and model"
!endif
!ifndef OUT_FILE
  !define OUT_FILE "${__FILEDIR__}\..\..\dist\AIPM-Desktop-Speech-${VERSION}-setup.exe"
!endif

!define APP_NAME "AIPM Desktop"
!define ADDON_NAME "AIPM Desktop speech add-on"
!define EXE_NAME "aipm-desktop.exe"
!define PUBLISHER "AIPM Desktop developers"
!define APP_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\aipm-desktop"
!define ADDON_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\aipm-desktop-speech"
!define ADDON_UNINSTALLER "uninstall-speech.exe"
!define ICON "${__FILEDIR__}/../../resources/icons/aipm-desktop.ico"

Name "${ADDON_NAME}"
OutFile "${OUT_FILE}"
BrandingText "${ADDON_NAME} ${VERSION}"

!include "MUI2.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "Answer out loud in ${APP_NAME}"
!define MUI_WELCOMEPAGE_TEXT "This adds speech to ${APP_NAME} ${VERSION}, installed in$\r$\n$INSTDIR$\r$\n$\r$\nAnswers you speak are transcribed on this computer by Whisper tiny.en (${SIZE_TEXT}). No audio is sent anywhere.$\r$\n$\r$\nClose ${APP_NAME} before you go on."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

VIProductVersion "${VERSION_NUMERIC}"
VIAddVersionKey "ProductName" "${ADDON_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${ADDON_NAME} installer"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}"

; Stops the installer with exit code 2 and a message (shown unless silent).
!macro Refuse MESSAGE
  MessageBox MB_ICONSTOP|MB_OK "${MESSAGE}" /SD IDOK
  SetErrorLevel 2
  Quit
!macroend

Function .onInit
  SetShellVarContext current
  ReadRegStr $0 HKCU "${APP_KEY}" "InstallLocation"
  ReadRegStr $1 HKCU "${APP_KEY}" "DisplayVersion"
  StrCmp $0 "" 0 app_registered
    !insertmacro Refuse "${APP_NAME} is not installed for this user. Install ${APP_NAME} ${VERSION} first, then run this installer again."
  app_registered:
  IfFileExists "$0\${EXE_NAME}" app_found
    !insertmacro Refuse "${APP_NAME} is registered in $0, but its program is not there. Reinstall ${APP_NAME} ${VERSION}, then run this installer again."
  app_found:
  StrCmp $1 "${VERSION}" same_version
    !insertmacro Refuse "This speech add-on is for ${APP_NAME} ${VERSION}, but ${APP_NAME} $1 is installed. Use the speech add-on of version $1, or install ${APP_NAME} ${VERSION} first."
  same_version:
  StrCpy $INSTDIR $0
FunctionEnd

Section "Install"
  SetShellVarContext current
  ; A reinstall: no stale library is left.
  RMDir /r "$INSTDIR\speech\lib"
  SetOutPath "$INSTDIR\speech"
  File /r "${DIST_DIR}\*.*"
  WriteUninstaller "$INSTDIR\speech\${ADDON_UNINSTALLER}"

  WriteRegStr HKCU "${ADDON_KEY}" "DisplayName" "${ADDON_NAME}"
  WriteRegStr HKCU "${ADDON_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${ADDON_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${ADDON_KEY}" "DisplayIcon" "$INSTDIR\${EXE_NAME}"
  WriteRegStr HKCU "${ADDON_KEY}" "InstallLocation" "$INSTDIR\speech"
  WriteRegStr HKCU "${ADDON_KEY}" "UninstallString" '"$INSTDIR\speech\${ADDON_UNINSTALLER}"'
  WriteRegStr HKCU "${ADDON_KEY}" "QuietUninstallString" '"$INSTDIR\speech\${ADDON_UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${ADDON_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${ADDON_KEY}" "NoRepair" 1
  !ifdef SIZE_KB
    WriteRegDWORD HKCU "${ADDON_KEY}" "EstimatedSize" ${SIZE_KB}
  !endif
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  ; $INSTDIR is the add-on's own folder (speech\ in the app's folder). Only what this
  ; installer put there, and the .pyc files Python wrote beside it.
  RMDir /r "$INSTDIR\lib"
  Delete "$INSTDIR\${ADDON_UNINSTALLER}"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${ADDON_KEY}"
SectionEnd
