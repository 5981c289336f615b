/* For the Windows tests only, never shipped: holds a file open as Word, an antivirus scan or
 * OneDrive does (others may read it; no one may replace or delete it) for some milliseconds,
 * then lets it go.
 *
 *   hold.exe FILE MILLISECONDS READY-FLAG
 *
 * READY-FLAG is created once the file is held, so the test knows when to start. */
#include <windows.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc < 4)
        return 2;
    HANDLE held = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                              FILE_ATTRIBUTE_NORMAL, NULL);
    if (held == INVALID_HANDLE_VALUE)
        return 3;
    HANDLE ready = CreateFileW(argv[3], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                               FILE_ATTRIBUTE_NORMAL, NULL);
    if (ready == INVALID_HANDLE_VALUE)
        return 4;
    CloseHandle(ready);
    Sleep((DWORD)_wtoi(argv[2]));
    CloseHandle(held);
    return 0;
}
