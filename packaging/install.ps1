# refleks: install for this user only, from this folder, with no internet and no admin rights.
#
# Makes a virtual environment in %LOCALAPPDATA%\Programs\refleks\venv, installs refleks and
# its dependencies from .\wheels with pip --no-index (nothing is fetched), puts a refleks
# command in %LOCALAPPDATA%\Programs\refleks\bin and adds that folder to this user's PATH,
# and makes a Start-menu shortcut. Run again to update from a newer bundle.
#
#   powershell -ExecutionPolicy Bypass -File install.ps1 [-Python C:\path\to\python.exe]
#
# Needs Python 3.11, 3.12 or 3.13: python.org's installer "for me only" (no admin), or the
# Microsoft Store's Python where the workplace allows it.
param([string]$Python = "")
$ErrorActionPreference = "Stop"

$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$home_dir = Join-Path $env:LOCALAPPDATA "Programs\refleks"
$bin_dir = Join-Path $home_dir "bin"

function Test-Python([string[]]$Command) {
    try {
        $exe = $Command[0]
        $rest = @($Command | Select-Object -Skip 1)
        & $exe @rest -c "import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))" 2>$null
        return $LASTEXITCODE -eq 0
    } catch { return $false }
}

if ($Python) {
    $candidates = @(, @($Python))
} else {
    # The py launcher (python.org) by version, then python on PATH (also the Store's).
    $candidates = @(@("py", "-3.13"), @("py", "-3.12"), @("py", "-3.11"), @("python"))
}
$found = $null
foreach ($candidate in $candidates) {
    if (Test-Python $candidate) { $found = $candidate; break }
}
if (-not $found) {
    Write-Error "refleks: no Python 3.11, 3.12 or 3.13 found. Install one from python.org ('Install for me only'), or name it with -Python C:\path\to\python.exe."
    exit 1
}

Write-Host "refleks: installing into $home_dir"
$exe = $found[0]
$rest = @($found | Select-Object -Skip 1)
& $exe @rest -m venv --clear (Join-Path $home_dir "venv")
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

# No configuration file and no index: only the wheels beside this script are used.
$env:PIP_CONFIG_FILE = "NUL"
$env:PIP_NO_INDEX = "1"
$env:PIP_DISABLE_PIP_VERSION_CHECK = "1"
$venv_python = Join-Path $home_dir "venv\Scripts\python.exe"
& $venv_python -m pip install --quiet --no-index --no-cache-dir --find-links (Join-Path $here "wheels") refleks
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

# The command: a small refleks.cmd in a folder of its own on this user's PATH (no admin).
New-Item -ItemType Directory -Force -Path $bin_dir | Out-Null
$refleks_exe = Join-Path $home_dir "venv\Scripts\refleks.exe"
Set-Content -Path (Join-Path $bin_dir "refleks.cmd") -Encoding ASCII -Value "@`"$refleks_exe`" %*"
$user_path = [Environment]::GetEnvironmentVariable("Path", "User")
if (-not (($user_path -split ";") -contains $bin_dir)) {
    $new_path = if ($user_path) { "$user_path;$bin_dir" } else { $bin_dir }
    [Environment]::SetEnvironmentVariable("Path", $new_path, "User")
    Write-Host "refleks: added $bin_dir to your PATH (open a new terminal to use it)"
}

# A Start-menu shortcut, for this user only: refleks in a console window of its own.
$programs = [Environment]::GetFolderPath("Programs")
$shell = New-Object -ComObject WScript.Shell
$shortcut = $shell.CreateShortcut((Join-Path $programs "refleks.lnk"))
$shortcut.TargetPath = $refleks_exe
$shortcut.WorkingDirectory = [Environment]::GetFolderPath("MyDocuments")
$shortcut.Description = "refleks"
$shortcut.Save()

Write-Host "refleks: installed. Start it from the Start menu, or type refleks in a new terminal."
