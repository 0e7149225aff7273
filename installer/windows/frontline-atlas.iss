; Inno Setup script for Frontline Atlas on Windows (64-bit).
;
; On a Windows machine with Python 3.11+, uv and Inno Setup 6:
;   uv run python installer\build.py [--with-data DIR]     (makes dist\frontline-atlas\)
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\windows\frontline-atlas.iss
; The installer is written to dist\frontline-atlas-setup.exe. Everything the app
; needs is in the bundle; it installs per user (no administrator rights needed).

#define AppName "Frontline Atlas"
#define AppVersion "0.1.0"
#define BundleDir "..\..\dist\frontline-atlas"

[Setup]
AppId={{6E3C4B0B-6F1D-4C51-9C44-3A2A53A1F0A7}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Frontline Atlas developers
DefaultDirName={autopf}\Frontline Atlas
DefaultGroupName=Frontline Atlas
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=frontline-atlas-setup
Compression=lzma2/max
SolidCompression=yes
LicenseFile=..\..\LICENSE
UninstallDisplayIcon={app}\frontline-atlas.exe
WizardStyle=modern

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Frontline Atlas"; Filename: "{app}\frontline-atlas.exe"
Name: "{autodesktop}\Frontline Atlas"; Filename: "{app}\frontline-atlas.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Run]
; A quick offline check that the installation works (shows its result in a console window).
Filename: "{app}\frontline-atlas.exe"; Parameters: "--self-test"; Description: "Run the self-test now"; Flags: postinstall skipifsilent unchecked
Filename: "{app}\frontline-atlas.exe"; Description: "Start Frontline Atlas"; Flags: postinstall skipifsilent nowait
