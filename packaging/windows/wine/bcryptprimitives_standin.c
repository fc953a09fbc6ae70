/* A stand-in for Windows' bcryptprimitives.dll, for the Wine smoke test only (never shipped).
 *
 * rpds-py (jsonschema's dependency) is built with Rust, whose standard library takes its
 * random numbers from ProcessPrng in bcryptprimitives.dll, present on Windows 10 and
 * later but only from Wine 9 on. This ProcessPrng asks Wine's bcrypt.dll for the same
 * thing (BCryptGenRandom with the system's preferred generator), so it is a real
 * cryptographic random source, not a fake. Build: packaging/windows/test_wine.sh.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
