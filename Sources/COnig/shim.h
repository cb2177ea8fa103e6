#include <oniguruma.h>

// Oniguruma's encodings and syntaxes are macros that take the address of a global, and its
// error formatter is variadic: Swift imports neither, so these wrappers name them.

static inline OnigEncoding kit_onig_encoding_utf8(void) { return ONIG_ENCODING_UTF8; }

static inline OnigSyntaxType *kit_onig_syntax_perl_ng(void) { return ONIG_SYNTAX_PERL_NG; }

static inline int kit_onig_error_message(OnigUChar *buffer, int code, OnigErrorInfo *info) {
    return onig_error_code_to_str(buffer, code, info);
}
