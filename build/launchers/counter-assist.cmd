@echo off
rem counter-assist: the technician's command line, run by the installed app's own binary as Node
rem (ELECTRON_RUN_AS_NODE=1), so a store PC needs no Node. The installer puts it beside
rem "Counter Assist.exe"; add that folder to PATH to type counter-assist anywhere.
setlocal
set "ELECTRON_RUN_AS_NODE=1"
if not defined COUNTER_ASSIST_CONTENT set "COUNTER_ASSIST_CONTENT=%~dp0resources\content"
"%~dp0Counter Assist.exe" "%~dp0resources\app.asar\out\cli\counter-assist.cjs" %*
exit /b %ERRORLEVEL%
