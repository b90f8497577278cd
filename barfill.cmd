@echo off
rem barfill launcher for Windows: builds the runnable jar with the Maven wrapper when it is missing,
rem then runs it. No PostgreSQL binaries ship for Windows: give barfill yours with --db-url
rem (README, section Windows). Not tested on Windows by the project's CI.
setlocal EnableExtensions
set "ROOT=%~dp0"

where java >nul 2>nul
if errorlevel 1 (
  echo barfill needs Java 17 or newer ^(a JDK, to build it^): no java on PATH. Install one, e.g. Temurin 17. 1>&2
  exit /b 1
)
rem `java -version` prints e.g.: openjdk version "17.0.9" 2023-10-17 ("1.8.0_392" on Java 8).
set "JAVA_VERSION="
for /f "tokens=3" %%v in ('java -version 2^>^&1 ^| findstr /i /c:"version"') do if not defined JAVA_VERSION set "JAVA_VERSION=%%~v"
set "JAVA_MAJOR=0"
for /f "tokens=1,2 delims=.-+_" %%a in ("%JAVA_VERSION%") do (
  if "%%a"=="1" (set "JAVA_MAJOR=%%b") else (set "JAVA_MAJOR=%%a")
)
set /a JAVA_MAJOR_NUMBER=JAVA_MAJOR 2>nul
if %JAVA_MAJOR_NUMBER% LSS 17 (
  echo barfill needs Java 17 or newer; java on PATH is version %JAVA_VERSION%. Put a JDK 17+ first on PATH or set JAVA_HOME. 1>&2
  exit /b 1
)

set "JAR=%ROOT%app\target\barfill.jar"
if not exist "%JAR%" (
  echo building barfill ^(first run^)... 1>&2
  pushd "%ROOT%"
  call mvnw.cmd -q -B -DskipTests package 1>&2
  popd
  if not exist "%JAR%" (
    echo the build did not produce %JAR%: see the Maven output above. 1>&2
    exit /b 1
  )
)

if not defined BARFILL_JAVA_OPTS set "BARFILL_JAVA_OPTS=-Xmx1g"
java %BARFILL_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
