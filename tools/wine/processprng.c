/* TEST-ONLY stand-in for Windows' bcryptprimitives.dll under Wine 8 (never packaged).
 *
 * Rust's standard library (1.78 and later) asks Windows for random bytes through
 * ProcessPrng in bcryptprimitives.dll. Wine gained that function in 9.x; Debian's Wine 8
 * lacks it and the .exe exits at once without a word. This DLL exports ProcessPrng and
 * forwards to advapi32's SystemFunction036 (RtlGenRandom). tools/wine-smoke builds it
 * with mingw and copies it beside the .exe in its scratch folder only
 * (../shared/docs/windows-testing.md in the project's notes). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
