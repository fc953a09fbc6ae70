/* aipm-desktop.exe: start AIPM Desktop with the Python embedded beside it.
 *
 * A Windows-subsystem program (no console window) that loads runtime\python313.dll
 * from its own folder and runs `python -m aipm_desktop ARGS...` in this same process,
 * so the exit code, the taskbar icon and the process name are the app's. The runtime's
 * python313._pth puts the stdlib zip and ..\lib (the app and its libraries) on sys.path
 * and makes Python ignore PYTHON* variables and the user's site-packages.
 *
 * Built with mingw-w64 by packaging/windows/build_windows.py; the icon and version
 * come from launcher.rc.
 */
#include <windows.h>
#include <shellapi.h>
#include <stdlib.h>
#include <wchar.h>

#ifndef PYTHON_DLL
#define PYTHON_DLL L"python313.dll"
#endif

typedef int(__cdecl *PyMainFunction)(int, wchar_t **);

static int fail(const wchar_t *what, const wchar_t *detail)
{
    wchar_t message[2 * MAX_PATH + 200];
    _snwprintf(message, sizeof message / sizeof message[0],
               L"AIPM Desktop cannot start: %ls\n%ls\n\nPlease reinstall AIPM Desktop.", what, detail);
    message[sizeof message / sizeof message[0] - 1] = L'\0';
    MessageBoxW(NULL, message, L"AIPM Desktop", MB_ICONERROR | MB_OK);
    return 1;
}

int WINAPI wWinMain(HINSTANCE instance, HINSTANCE previous, PWSTR command_line, int show)
{
    (void)instance; (void)previous; (void)command_line; (void)show;
    wchar_t folder[MAX_PATH];
    DWORD length = GetModuleFileNameW(NULL, folder, MAX_PATH);
    if (length == 0 || length >= MAX_PATH)
        return fail(L"its folder's path is too long", L"");
    wchar_t *slash = wcsrchr(folder, L'\\');
    if (slash != NULL)
        *slash = L'\0';

    wchar_t dll[MAX_PATH];
    if (_snwprintf(dll, MAX_PATH, L"%ls\\runtime\\%ls", folder, PYTHON_DLL) < 0)
        return fail(L"its folder's path is too long", folder);
    dll[MAX_PATH - 1] = L'\0';
    /* Extension modules and ctypes load DLLs with LOAD_LIBRARY_SEARCH_DEFAULT_DIRS, which
     * searches the folders added here: runtime\ holds the C and C++ runtimes
     * (vcruntime140*.dll, msvcp140*.dll), which onnxruntime and CTranslate2 link to, for a
     * Windows without the Visual C++ Redistributable. */
    wchar_t runtime[MAX_PATH];
    if (_snwprintf(runtime, MAX_PATH, L"%ls\\runtime", folder) < 0)
        return fail(L"its folder's path is too long", folder);
    runtime[MAX_PATH - 1] = L'\0';
    AddDllDirectory(runtime);
    /* The DLL's own folder is searched for what it links to (vcruntime140.dll). */
    HMODULE python = LoadLibraryExW(dll, NULL, LOAD_WITH_ALTERED_SEARCH_PATH);
    if (python == NULL)
        return fail(L"the Python runtime is missing or damaged:", dll);
    PyMainFunction py_main = (PyMainFunction)(void (*)(void))GetProcAddress(python, "Py_Main");
    if (py_main == NULL)
        return fail(L"the Python runtime is damaged:", dll);

    int argc = 0;
    wchar_t **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    if (argv == NULL)
        return fail(L"the command line could not be read", L"");
    wchar_t **python_argv = calloc((size_t)argc + 3, sizeof *python_argv);
    if (python_argv == NULL)
        return fail(L"out of memory", L"");
    python_argv[0] = argv[0];
    python_argv[1] = L"-m";
    python_argv[2] = L"aipm_desktop";
    for (int i = 1; i < argc; i++)
        python_argv[i + 2] = argv[i];
    return py_main(argc + 2, python_argv);
}
