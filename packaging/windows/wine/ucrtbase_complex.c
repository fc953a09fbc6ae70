/* The complex-number functions of Windows' ucrtbase.dll, for the Wine smoke tests only
 * (never shipped).
 *
 * numpy's _multiarray_umath.pyd imports 34 C99 complex functions (crealf, cimagf, cexp,
 * cpowf, ...) from the Universal CRT; Wine 8's ucrtbase.dll exports them as stubs that
 * abort the process when called, and numpy calls crealf as it loads. test_wine.sh builds
 * this file into a ucrtbase.dll for the test prefix only, whose other 2,400-odd exports
 * are forwarded to Wine's own ucrtbase.dll (copied as wine_ucrtbase.dll): see
 * forwarding_standin in wine/prefix.sh.
 *
 * The Universal CRT's complex types are structures of two numbers (_Fcomplex, _Dcomplex,
 * _Lcomplex, with long double the same as double), passed and returned as structures;
 * each function here turns them into GCC's complex numbers and uses mingw-w64's libm.
 * Each exported function is named standin_NAME; the .def file exports it as NAME.
 */
#include <complex.h>

typedef struct { float part[2]; } FloatComplex;
typedef struct { double part[2]; } DoubleComplex;

static float _Complex from_float(FloatComplex z) { return __builtin_complex(z.part[0], z.part[1]); }
static double _Complex from_double(DoubleComplex z) { return __builtin_complex(z.part[0], z.part[1]); }
static FloatComplex to_float(float _Complex z) { FloatComplex r = {{crealf(z), cimagf(z)}}; return r; }
static DoubleComplex to_double(double _Complex z) { DoubleComplex r = {{creal(z), cimag(z)}}; return r; }

float standin_crealf(FloatComplex z) { return z.part[0]; }
float standin_cimagf(FloatComplex z) { return z.part[1]; }
double standin_cimag(DoubleComplex z) { return z.part[1]; }
double standin_creall(DoubleComplex z) { return z.part[0]; }
double standin_cimagl(DoubleComplex z) { return z.part[1]; }

float standin_cabsf(FloatComplex z) { return cabsf(from_float(z)); }
double standin_cabsl(DoubleComplex z) { return cabs(from_double(z)); }
double standin_carg(DoubleComplex z) { return carg(from_double(z)); }
float standin_cargf(FloatComplex z) { return cargf(from_float(z)); }
double standin_cargl(DoubleComplex z) { return carg(from_double(z)); }

/* NAME (double), NAMEf (float) and NAMEl (long double, which is double) of one function. */
#define UNARY(name)                                                                          \
    DoubleComplex standin_##name(DoubleComplex z) { return to_double(name(from_double(z))); } \
    FloatComplex standin_##name##f(FloatComplex z) { return to_float(name##f(from_float(z))); } \
    DoubleComplex standin_##name##l(DoubleComplex z) { return to_double(name(from_double(z))); }

UNARY(ccos)
UNARY(ccosh)
UNARY(cexp)
UNARY(csin)
UNARY(csinh)
UNARY(ctan)
UNARY(ctanh)

DoubleComplex standin_cpow(DoubleComplex a, DoubleComplex b)
{ return to_double(cpow(from_double(a), from_double(b))); }
FloatComplex standin_cpowf(FloatComplex a, FloatComplex b)
{ return to_float(cpowf(from_float(a), from_float(b))); }
DoubleComplex standin_cpowl(DoubleComplex a, DoubleComplex b)
{ return to_double(cpow(from_double(a), from_double(b))); }
