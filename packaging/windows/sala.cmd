@echo off
rem The sala command line, on the PATH (installed by Sala's MSI into WindowsApps).
"%LOCALAPPDATA%\Programs\Sala\sala.exe" %*
