// libjpeg-turbo's TurboJPEG API: it reports errors as return codes, which Swift can handle (libjpeg's own API
// needs setjmp/longjmp, which Swift cannot use).
#include <turbojpeg.h>
