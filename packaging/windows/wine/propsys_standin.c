/* VariantToString of Windows' propsys.dll, for the Wine smoke tests only (never shipped).
 *
 * Python's _wmi.pyd (platform.machine(), platform.win32_ver(), which onnxruntime calls as
 * it loads) imports VariantToString, a stub in Wine 8's propsys.dll that aborts the
 * process. test_wine.sh builds this file into a propsys.dll for the test prefix only,
 * whose other exports are forwarded to Wine's own propsys.dll (copied as
 * wine_propsys.dll): see forwarding_standin in wine/prefix.sh. Exported as
 * VariantToString by the .def file.
 */
#include <windows.h>
#include <oleauto.h>

HRESULT WINAPI standin_VariantToString(const VARIANT *value, PWSTR text, UINT size)
{
    if (text == NULL || size == 0)
        return E_INVALIDARG;
    text[0] = L'\0';
    VARIANT converted;
    VariantInit(&converted);
    HRESULT result = VariantChangeType(&converted, (VARIANT *)value, 0, VT_BSTR);
    if (FAILED(result))
        return result;
    UINT length = SysStringLen(V_BSTR(&converted));
    if (length >= size) {
        result = HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER);
        length = size - 1;
    }
    memcpy(text, V_BSTR(&converted), length * sizeof(WCHAR));
    text[length] = L'\0';
    VariantClear(&converted);
    return result;
}
