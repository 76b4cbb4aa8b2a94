/* TEST-ONLY: holds a file open the way Word holds an open .docx (no sharing: others may
 * neither read, write nor replace it) until the file named second exists, so that
 * tools/wine-smoke can export over it and see the app's "open in another program" answer.
 *
 *   holdfile.exe FILE STOPFILE          prints "held" once the file is open */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 3) {
        fwprintf(stderr, L"usage: holdfile FILE STOPFILE\n");
        return 2;
    }
    HANDLE h = CreateFileW(argv[1], GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fwprintf(stderr, L"cannot open: error %lu\n", GetLastError());
        return 1;
    }
    wprintf(L"held\n");
    fflush(stdout);
    for (int i = 0; i < 1200 && GetFileAttributesW(argv[2]) == INVALID_FILE_ATTRIBUTES; i++)
        Sleep(100);
    CloseHandle(h);
    return 0;
}
