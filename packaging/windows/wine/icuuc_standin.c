/* A stand-in for Windows' system icuuc.dll, for the Wine smoke test only (never shipped).
 *
 * Qt6Core.dll from the PySide6 wheels imports 20 ICU converter functions (ucnv_*) from
 * the icuuc.dll that Windows 10 1903 and later have in System32; Wine 8 has none, so
 * Qt6Core.dll would not load at all. Qt uses these functions only for text encodings
 * other than UTF-8/UTF-16/UTF-32/Latin-1, which Qt converts by itself. This stand-in
 * behaves like an ICU without converter data: ucnv_open fails with U_FILE_ACCESS_ERROR
 * and no converter is listed, so QStringConverter reports such encodings as unavailable.
 * The app reads and writes UTF-8 only. Build: packaging/windows/test_wine.sh.
 */
#include <stddef.h>
#include <stdint.h>

typedef int UErrorCode;
typedef uint16_t UChar;
typedef struct UConverter UConverter;
typedef void (*UConverterCallback)(void);

enum { U_FILE_ACCESS_ERROR = 4 };

#define EXPORT __declspec(dllexport)

static void fail(UErrorCode *error)
{
    if (error != NULL && *error <= 0)
        *error = U_FILE_ACCESS_ERROR;
}

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *error) { (void)name; fail(error); return NULL; }
EXPORT void ucnv_close(UConverter *converter) { (void)converter; }
EXPORT void ucnv_reset(UConverter *converter) { (void)converter; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *error)
{ (void)name; (void)standard; (void)error; return NULL; }
EXPORT const char *ucnv_getName(const UConverter *converter, UErrorCode *error)
{ (void)converter; fail(error); return NULL; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *converter) { (void)converter; return 1; }
EXPORT void ucnv_getToUCallBack(const UConverter *c, UConverterCallback *action, const void **context)
{ (void)c; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_getFromUCallBack(const UConverter *c, UConverterCallback *action, const void **context)
{ (void)c; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_setToUCallBack(UConverter *c, UConverterCallback n, const void *nc, UConverterCallback *o,
                                const void **oc, UErrorCode *error)
{ (void)c; (void)n; (void)nc; (void)o; (void)oc; fail(error); }
EXPORT void ucnv_setFromUCallBack(UConverter *c, UConverterCallback n, const void *nc, UConverterCallback *o,
                                  const void **oc, UErrorCode *error)
{ (void)c; (void)n; (void)nc; (void)o; (void)oc; fail(error); }
EXPORT void ucnv_toUnicode(UConverter *c, UChar **target, const UChar *target_limit, const char **source,
                           const char *source_limit, int32_t *offsets, int8_t flush, UErrorCode *error)
{ (void)c; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush; fail(error); }
EXPORT void ucnv_fromUnicode(UConverter *c, char **target, const char *target_limit, const UChar **source,
                             const UChar *source_limit, int32_t *offsets, int8_t flush, UErrorCode *error)
{ (void)c; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush; fail(error); }
EXPORT int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *error) { (void)c; fail(error); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *error) { (void)c; fail(error); return 0; }
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length, int32_t offset, UErrorCode *error)
{ (void)args; (void)source; (void)length; (void)offset; fail(error); }
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *limit, int32_t offset,
                                    UErrorCode *error)
{ (void)args; (void)source; (void)limit; (void)offset; fail(error); }
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *units, int32_t length,
                                          int reason, UErrorCode *error)
{ (void)context; (void)args; (void)units; (void)length; (void)reason; fail(error); }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const UChar *units, int32_t length,
                                            int32_t code_point, int reason, UErrorCode *error)
{ (void)context; (void)args; (void)units; (void)length; (void)code_point; (void)reason; fail(error); }
