/*
 * encoding.c - refuse what is not UTF-8 before libyaml sees it, with the
 * line and column of the first bad byte (libyaml's reader errors give only
 * a byte offset), and tell a secretary which old encoding the file is in:
 * minutes typed years ago in TCVN3 (ABC), VNI or Windows-1258 still
 * circulate, and the fix is to save them again as Unicode.
 */
#include <string.h>

#include "node.h"
#include "text.h"
#include "banned.h"

static int
is_vowel(unsigned char c)
{
	return c != 0 && strchr("aeiouyAEIOUY", c) != NULL;
}

/*
 * Guess a legacy encoding from its characteristic bytes: TCVN3 has đ/Đ at
 * 0xAE/0xA7 and precomposed letters from 0xB5; VNI-Windows writes a tone as
 * a second byte after an ASCII vowel; Windows-1258 writes a tone as a
 * combining byte (0xCC, 0xEC, 0xD2, 0xDE, 0xF2) after a letter.
 */
static const char *
guess_legacy(const unsigned char *s, size_t len)
{
	static const unsigned char vni[] = { 0xF8, 0xF9, 0xFA, 0xFB, 0xF5, 0xEF,
		0xD8, 0xD9, 0xDA, 0xDB, 0xD5, 0xCF, 0xE4, 0xE0, 0xE1, 0xE2,
		0xE3, 0xE5, 0xC4 };
	static const unsigned char w1258[] = { 0xCC, 0xEC, 0xD2, 0xDE, 0xF2 };
	size_t tcvn = 0, vn = 0, win = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = s[i], prev = i ? s[i - 1] : 0;

		if (c < 0x80)
			continue;
		if (c == 0xAE || c == 0xA7 || (c >= 0xB5 && c <= 0xBE) ||
		    c == 0xA9 || c == 0xAB || c == 0xAC || c == 0xAD)
			tcvn++;
		if (memchr(w1258, c, sizeof(w1258)) &&
		    ((prev >= 'a' && prev <= 'z') ||
			(prev >= 'A' && prev <= 'Z') || prev >= 0xC0))
			win++;
		if (memchr(vni, c, sizeof(vni)) && is_vowel(prev))
			vn++;
	}
	if (tcvn == 0 && vn == 0 && win == 0)
		return NULL;
	if (tcvn >= vn && tcvn >= win)
		return "TCVN3 (ABC)";
	if (win > vn)
		return "Windows-1258";
	return "VNI";
}

static void
position(const unsigned char *s, size_t off, uint32_t *line, uint32_t *col)
{
	uint32_t l = 1, c = 1;

	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n') {
			l++;
			c = 1;
		} else if ((s[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

static int
looks_utf16(const unsigned char *s, size_t len)
{
	size_t zeros_even = 0, zeros_odd = 0, n = len < 512 ? len : 512;

	if (len >= 2 &&
	    ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] == 0)
			*(i % 2 ? &zeros_odd : &zeros_even) += 1;
	/* UTF-16 text has its NULs on one side only (the high bytes of
	 * Latin letters); a binary file, such as a program, on both. */
	return n >= 4 &&
	    ((zeros_odd * 3 > n && zeros_even * 8 < zeros_odd) ||
		(zeros_even * 3 > n && zeros_odd * 8 < zeros_even));
}

int
cb_encoding_check(cb_diag *d, const char *buf, size_t len)
{
	const unsigned char *s = (const unsigned char *)buf;
	uint32_t line, col;

	if (looks_utf16(s, len)) {
		cb_diag_emit_at(d, CB_RULE_SYNTAX_ENCODING, 1, 1,
		    N_("the file is in UTF-16, not UTF-8; open it in your "
		       "editor and save it as UTF-8 (Unicode dựng sẵn)"));
		return 1;
	}
	/* A NUL anywhere: a binary file (a program, an image, a Word
	 * document), whatever its first bytes look like. */
	const unsigned char *nul = memchr(s, 0, len);

	if (nul != NULL) {
		position(s, (size_t)(nul - s), &line, &col);
		cb_diag_emit(d, CB_RULE_SYNTAX_ENCODING, line, col,
		    N_("a NUL byte: this is not a text file; save "
		       "it as UTF-8 text (Unicode dựng sẵn)"));
		return 1;
	}
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n;

		/* Most bytes are printable ASCII: no decoding for them. */
		if (s[i] >= 0x20 && s[i] < 0x7F) {
			i++;
			continue;
		}
		n = cb_utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			const char *enc = guess_legacy(s, len);

			position(s, i, &line, &col);
			if (enc)
				cb_diag_emit(d, CB_RULE_SYNTAX_ENCODING, line,
				    col,
				    N_("the file is not UTF-8: it "
				       "looks like %s, an old Vietnamese "
				       "encoding; "
				       "convert it (e.g. with Unikey's "
				       "converter) "
				       "and save it as UTF-8 (Unicode dựng "
				       "sẵn)"),
				    enc);
			else
				cb_diag_emit(d, CB_RULE_SYNTAX_ENCODING, line,
				    col,
				    N_("invalid UTF-8 byte 0x%02X; "
				       "save the file as UTF-8 (Unicode dựng "
				       "sẵn)"),
				    s[i]);
			return 1;
		}
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    cp == 0x7F || (cp >= 0x80 && cp <= 0x9F && cp != 0x85) ||
		    cp == 0xFFFE || cp == 0xFFFF) {
			position(s, i, &line, &col);
			cb_diag_emit(d, CB_RULE_SYNTAX_ENCODING, line, col,
			    N_("a control character (U+%04X) that YAML does "
			       "not allow; delete it"),
			    (unsigned)cp);
			return 1;
		}
		i += n;
	}
	return 0;
}
