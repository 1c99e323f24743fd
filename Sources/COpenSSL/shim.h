#ifndef SOCKSHELL_OPENSSL_SHIM_H
#define SOCKSHELL_OPENSSL_SHIM_H

// The system's OpenSSL 3 (apt libssl-dev) for TLS to a daemon. Swift imports constant-like macros
// (X509_V_ERR_*, SSL_ERROR_*) but not function-like ones, so those get `static inline` wrappers here,
// and so does what takes a stack of names (the certificate's subjectAltName) or a BIO.
#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>
#include <time.h>

/// SNI: the name the client asks for (never an IP literal, RFC 6066 §3).
static inline int sockshell_ssl_set_server_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

static inline int sockshell_ssl_ctx_set_min_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}

/// Partial writes and a moving buffer: a non-blocking write hands over what fits and is retried with the rest.
static inline void sockshell_ssl_set_partial_writes(SSL *ssl) {
    SSL_set_mode(ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
}

/// A peer that closes TCP without close_notify ends the stream (Go's and socat's servers do), as a read of 0.
static inline void sockshell_ssl_ctx_ignore_unexpected_eof(SSL_CTX *ctx) {
    SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
}

static inline const char *sockshell_ssl_cipher_name(const SSL *ssl) { return SSL_get_cipher_name(ssl); }

static inline int sockshell_err_reason(unsigned long code) { return ERR_GET_REASON(code); }

static inline int sockshell_err_library(unsigned long code) { return ERR_GET_LIB(code); }

/// The certificate the server sent first (its own), or NULL. Kept by the session even when verifying it
/// failed, which the error message needs; not to be freed.
static inline X509 *sockshell_ssl_peer_leaf(const SSL *ssl) {
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl);
    if (chain == NULL || sk_X509_num(chain) < 1) return NULL;
    return sk_X509_value(chain, 0);
}

/// The certificate's subject as one line (`CN=localhost`), into `out` of `size` bytes.
static inline void sockshell_x509_subject(X509 *cert, char *out, size_t size) {
    out[0] = 0;
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL) return;
    // `CN=localhost, O=x`: RFC 2253 escaping, the fields in the certificate's order, no spaces around =.
    X509_NAME_print_ex(bio, X509_get_subject_name(cert), 0,
                       XN_FLAG_SEP_CPLUS_SPC | XN_FLAG_FN_SN | (ASN1_STRFLGS_RFC2253 & ~ASN1_STRFLGS_ESC_MSB));
    int count = BIO_read(bio, out, (int)size - 1);
    out[count > 0 ? count : 0] = 0;
    BIO_free(bio);
}

/// The DNS names and IP addresses in the certificate's subjectAltName, separated by ", ", into `out`.
static inline void sockshell_x509_alt_names(X509 *cert, char *out, size_t size) {
    out[0] = 0;
    GENERAL_NAMES *names = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
    if (names == NULL) return;
    size_t used = 0;
    for (int index = 0; index < sk_GENERAL_NAME_num(names); index++) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, index);
        char text[INET6_ADDRSTRLEN + 1] = {0};
        if (name->type == GEN_DNS) {
            int length = ASN1_STRING_length(name->d.dNSName);
            if (length < 0 || (size_t)length >= sizeof text) continue;
            memcpy(text, ASN1_STRING_get0_data(name->d.dNSName), (size_t)length);
        } else if (name->type == GEN_IPADD) {
            int length = ASN1_STRING_length(name->d.iPAddress);
            const unsigned char *bytes = ASN1_STRING_get0_data(name->d.iPAddress);
            int family = length == 4 ? AF_INET : length == 16 ? AF_INET6 : 0;
            if (family == 0 || inet_ntop(family, bytes, text, sizeof text) == NULL) continue;
        } else {
            continue;
        }
        size_t need = strlen(text) + (used > 0 ? 2 : 0);
        if (used + need + 1 > size) break;
        if (used > 0) { memcpy(out + used, ", ", 2); used += 2; }
        memcpy(out + used, text, strlen(text));
        used += strlen(text);
        out[used] = 0;
    }
    GENERAL_NAMES_free(names);
}

/// The certificate's notBefore (which = 0) or notAfter (1) as seconds since 1970; 0 when unreadable.
static inline long long sockshell_x509_validity(X509 *cert, int which) {
    const ASN1_TIME *time = which == 0 ? X509_get0_notBefore(cert) : X509_get0_notAfter(cert);
    struct tm parts;
    if (time == NULL || ASN1_TIME_to_tm(time, &parts) != 1) return 0;
    return (long long)timegm(&parts);
}

#endif
