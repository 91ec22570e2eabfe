/* Found only through the config's CORE_INCS. */
#ifndef NGX_HTTP_PC_OLD_H
#define NGX_HTTP_PC_OLD_H

#ifndef NGX_HTTP_PC_OLD_CONFIGURED
#error "the config's auto/have defines NGX_HTTP_PC_OLD_CONFIGURED"
#endif

#define NGX_HTTP_PC_OLD_TAG_LEN  16

#endif /* NGX_HTTP_PC_OLD_H */
