/* Wine 8 (Debian 12) lacks bcryptprimitives.dll, from which Rust's std on
 * Windows imports ProcessPrng. Windows 10/11 have it; this stand-in exists only
 * so the tests can run under Wine here. It answers with RtlGenRandom
 * (SystemFunction036 in advapi32), the generator ProcessPrng itself wraps. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    return SystemFunction036(data, (ULONG)length);
}
