/*
 * Functions that must not be used in cb (after git's banned.h). Included
 * last in every .c file. Dates are calendar arithmetic on Y-M-D, never the
 * C library's time-zone dependent conversions.
 */
#ifndef CB_BANNED_H
#define CB_BANNED_H

#define CB_BANNED(func) sorry_##func##_is_banned_in_cb

#undef strcpy
#define strcpy(x, y) CB_BANNED(strcpy)
#undef strcat
#define strcat(x, y) CB_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) CB_BANNED(strncpy)
#undef sprintf
#define sprintf(...) CB_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) CB_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) CB_BANNED(strtok)
#undef atoi
#define atoi(x) CB_BANNED(atoi)
#undef localtime
#define localtime(x) CB_BANNED(localtime)
#undef gmtime
#define gmtime(x) CB_BANNED(gmtime)
#undef mktime
#define mktime(x) CB_BANNED(mktime)
#undef strptime
#define strptime(x, y, z) CB_BANNED(strptime)

#endif
