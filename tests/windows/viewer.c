/* For the Windows tests only, never shipped: a stand-in for Word, registered in the test's
 * Wine prefix as the program for .docx and .xlsx files. It writes the path the Windows shell
 * gave it (UTF-8) to C:\opened.txt. */
#include <windows.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc < 2)
        return 2;
    char path[8192];
    int n = WideCharToMultiByte(CP_UTF8, 0, argv[1], -1, path, sizeof path, NULL, NULL);
    if (n <= 1)
        return 3;
    HANDLE out = CreateFileW(L"C:\\opened.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                             FILE_ATTRIBUTE_NORMAL, NULL);
    if (out == INVALID_HANDLE_VALUE)
        return 4;
    DWORD written;
    WriteFile(out, path, (DWORD)(n - 1), &written, NULL);
    CloseHandle(out);
    return 0;
}
