/*
 * gen.c - cb-gen, the benchmark's corpus: a party office of N cells with Y
 * whole calendar years of minutes (ending 2025) that follow every rule of
 * spec/rules.md under the plan it writes, so that
 *
 *	cb check --as-of 2026-01-02 OUTDIR
 *
 * finds nothing. With --plant K it plants K known violations and lists
 * them in OUTDIR/expected-findings.txt as `path:line: rule-id`.
 *
 * Deterministic: the same arguments give the same bytes (xorshift64*
 * seeded from --seed; no clock, no rand()). Plain C11 and libc.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define LAST_YEAR 2025
#define MAXMEM 96
#define MAXMTG 24
#define MAXPLANT 4096
#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---------------------------------------------------------------- rng */

struct rng {
	uint64_t s;
};

static uint64_t
splitmix(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ull;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
	return x ^ (x >> 31);
}

static void
rseed(struct rng *r, uint64_t a, uint64_t b)
{
	r->s = splitmix(splitmix(a) ^ splitmix(b + 0x5151));
	if (r->s == 0)
		r->s = 0x1234567887654321ull;
}

static uint64_t
rnext(struct rng *r)
{
	uint64_t x = r->s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->s = x;
	return x * 0x2545F4914F6CDD1Dull;
}

/* lo..hi inclusive */
static int
ri(struct rng *r, int lo, int hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int)((rnext(r) >> 11) % (uint64_t)(hi - lo + 1));
}

static int
pct(struct rng *r, int p)
{
	return ri(r, 0, 99) < p;
}

#define PICK(r, a) ((a)[ri((r), 0, NELEM(a) - 1)])

static int xsnprintf(char *out, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* snprintf that never truncates quietly. */
static int
xsnprintf(char *out, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(out, cap, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= cap) {
		fprintf(stderr, "cb-gen: text too long: %.60s...\n", out);
		exit(2);
	}
	return n;
}

/* -------------------------------------------------------------- dates */

static int
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	/* days since 0000-03-01: positive for every date written, so 0 can
	 * stand for "none" */
	return era * 146097 + doe;
}

static void
civil(int z, int *y, int *m, int *d)
{
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

static int
year_of(int z)
{
	int y, m, d;

	civil(z, &y, &m, &d);
	return y;
}

static int
month_of(int z)
{
	int y, m, d;

	civil(z, &y, &m, &d);
	return m;
}

static const char *
fdate(int z, char *buf)
{
	int y, m, d;

	civil(z, &y, &m, &d);
	xsnprintf(buf, 11, "%04d-%02d-%02d", y % 10000, m, d);
	return buf;
}

/* ------------------------------------------------------------- output */

struct sb {
	char *p;
	size_t n, cap;
	int line; /* the line the next byte goes on */
};

static void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n);

	if (q == NULL) {
		fprintf(stderr, "cb-gen: out of memory\n");
		exit(2);
	}
	return q;
}

static void
sb_reset(struct sb *b)
{
	b->n = 0;
	b->line = 1;
}

static void
sb_putn(struct sb *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
	for (size_t i = 0; i < n; i++)
		b->line += s[i] == '\n';
}

static void
sb_puts(struct sb *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

static void sb_printf(struct sb *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sb_printf(struct sb *b, const char *fmt, ...)
{
	char tmp[4096];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(tmp))
		n = (int)sizeof(tmp) - 1;
	sb_putn(b, tmp, (size_t)n);
}

/* A YAML scalar, quoted when plain style would not read back as is. */
static void
sb_scalar(struct sb *b, const char *s)
{
	int q = *s == '\0' || strchr("-?:,[]{}#&*!|>'\"%@` ", *s) != NULL ||
	    strstr(s, ": ") != NULL || strstr(s, " #") != NULL ||
	    s[strlen(s) - 1] == ':' || s[strlen(s) - 1] == ' ';

	if (!q) {
		sb_puts(b, s);
		return;
	}
	sb_puts(b, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_puts(b, "\\");
		sb_putn(b, s, 1);
	}
	sb_puts(b, "\"");
}

static void
sb_kv(struct sb *b, const char *indent, const char *key, const char *val)
{
	sb_printf(b, "%s%s: ", indent, key);
	sb_scalar(b, val);
	sb_puts(b, "\n");
}

/* Code points, for wrapping flow sequences near 80 columns. */
static int
width(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void
mkdirs(const char *path)
{
	char tmp[4096];
	size_t n = strlen(path);

	if (n >= sizeof(tmp)) {
		fprintf(stderr, "cb-gen: path too long: %s\n", path);
		exit(2);
	}
	memcpy(tmp, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (tmp[i] != '/' && tmp[i] != '\0')
			continue;
		char c = tmp[i];

		tmp[i] = '\0';
		if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
			fprintf(
			    stderr, "cb-gen: %s: %s\n", tmp, strerror(errno));
			exit(2);
		}
		tmp[i] = c;
	}
}

static unsigned long long total_files, total_bytes;

/* Writes the buffer; crlf and bom as Windows editors save. */
static void
write_file(const char *path, const struct sb *b, int crlf, int bom)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL) {
		fprintf(stderr, "cb-gen: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	if (bom) {
		fputs("\xEF\xBB\xBF", f);
		total_bytes += 3;
	}
	if (!crlf) {
		fwrite(b->p, 1, b->n, f);
		total_bytes += b->n;
	} else {
		for (size_t i = 0; i < b->n; i++) {
			if (b->p[i] == '\n') {
				fputc('\r', f);
				total_bytes++;
			}
			fputc(b->p[i], f);
			total_bytes++;
		}
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "cb-gen: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	total_files++;
}

/* ---------------------------------------------------------- NFC -> NFD */

/*
 * Vietnamese typed with a combining-accent keyboard arrives as NFD; the
 * records allow it (names compare after NFC). Rows: a base vowel with its
 * modifier; columns: no tone, grave, acute, hook above, tilde, dot below.
 */
static const char *const vn_rows[] = { "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ",
	"êềếểễệ", "iìíỉĩị", "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự",
	"yỳýỷỹỵ", "AÀÁẢÃẠ", "ĂẰẮẲẴẶ", "ÂẦẤẨẪẬ", "EÈÉẺẼẸ", "ÊỀẾỂỄỆ", "IÌÍỈĨỊ",
	"OÒÓỎÕỌ", "ÔỒỐỔỖỘ", "ƠỜỚỞỠỢ", "UÙÚỦŨỤ", "ƯỪỨỬỮỰ", "YỲÝỶỸỴ" };
static const char vn_base[] = "aaaeeiooouuyAAAEEIOOOUUY";
/* 0 none, 1 breve, 2 circumflex, 3 horn */
static const int vn_mod[] = { 0, 1, 2, 0, 2, 0, 0, 2, 3, 0, 3, 0, 0, 1, 2, 0, 2,
	0, 0, 2, 3, 0, 3, 0 };
static const char *const vn_modc[] = { "", "\xCC\x86", "\xCC\x82", "\xCC\x9B" };
static const char *const vn_tonec[] = { "", "\xCC\x80", "\xCC\x81", "\xCC\x89",
	"\xCC\x83", "\xCC\xA3" };

static size_t
u8len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static void
to_nfd(const char *s, char *out, size_t cap)
{
	size_t o = 0;

	while (*s && o + 12 < cap) {
		size_t l = u8len(s);
		int done = 0;

		for (int r = 0; r < NELEM(vn_rows) && !done; r++) {
			const char *p = vn_rows[r];

			for (int t = 0; *p && !done; t++) {
				size_t pl = u8len(p);

				if (pl == l && memcmp(p, s, l) == 0) {
					const char *mc = vn_modc[vn_mod[r]],
						   *tc = vn_tonec[t];

					out[o++] = vn_base[r];
					/* canonical order: horn (216),
					 * dot below (220), then 230s */
					if (t == 5 && vn_mod[r] != 3) {
						memcpy(out + o, tc, 2);
						o += 2;
						tc = "";
					}
					memcpy(out + o, mc, strlen(mc));
					o += strlen(mc);
					memcpy(out + o, tc, strlen(tc));
					o += strlen(tc);
					done = 1;
				}
				p += pl;
			}
		}
		if (!done) {
			memcpy(out + o, s, l);
			o += l;
		}
		s += l;
	}
	out[o] = '\0';
}

/* ------------------------------------------------------------ phrases */

static const char *const families[] = { "Nguyễn", "Nguyễn", "Nguyễn", "Trần",
	"Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
	"Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương",
	"Lương", "Mai", "Hà", "Tạ", "Cao", "Lâm", "Quách", "Đoàn", "Thái",
	"Chu", "Kiều" };
static const char *const middles_m[] = { "Văn", "Văn", "Văn", "Hữu", "Đức",
	"Công", "Quang", "Minh", "Xuân", "Thanh", "Đình", "Ngọc", "Bá", "Trọng",
	"Quốc", "Mạnh" };
static const char *const middles_f[] = { "Thị", "Thị", "Thị", "Ngọc", "Thu",
	"Thanh", "Kim", "Thúy", "Minh", "Phương", "Hồng", "Bích" };
static const char *const givens_m[] = { "An", "Bình", "Cường", "Dũng", "Hùng",
	"Hải", "Long", "Minh", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Thắng",
	"Tuấn", "Việt", "Vinh", "Khánh", "Lợi", "Toàn", "Đạt", "Trung", "Hiếu",
	"Nghĩa", "Thành", "Tiến", "Hưng", "Lộc", "Tùng", "Kiên", "Quý", "Đông",
	"Hòa", "Thịnh", "Phong", "Chiến", "Tú", "Dương" };
static const char *const givens_f[] = { "Lan", "Mai", "Hoa", "Hằng", "Hương",
	"Thu", "Nga", "Nhung", "Huyền", "Thảo", "Trang", "Yến", "Loan", "Hạnh",
	"Phượng", "Liên", "Dung", "Oanh", "Ngọc", "Quyên", "Vân", "Thủy",
	"Hiền", "Linh", "Châu", "Diệp", "Xuân", "Tuyết" };

static const char *const places[] = { "Tân Thành", "Hòa Bình", "Quyết Thắng",
	"Đông Hòa", "An Phú", "Phú Lợi", "Thống Nhất", "Đoàn Kết", "Hưng Long",
	"Thanh Xuân", "Minh Khai", "Quang Trung", "Nghĩa Hưng", "Yên Thịnh",
	"Vĩnh Phúc", "Tân Lập", "Bình Minh", "Hồng Phong", "Xuân Sơn",
	"Đồng Tâm", "Phước Hòa", "Long Hải", "Trung Sơn", "Cẩm Phô", "Hải Châu",
	"Tiên Phong", "Hòa Thuận", "Thạnh Mỹ", "Nghi Phong", "Kim Liên",
	"Diễn Châu", "Quỳnh Lưu", "Hương Sơn", "Đức Thọ", "Yên Mỹ", "Gia Lộc",
	"Thiệu Hóa", "Hoằng Phụ", "Cam Lộ", "Triệu Phong", "Phú Vang",
	"Điện Bàn", "Tư Nghĩa", "Hoài Nhơn", "Ea Kar", "Krông Pắc", "Chư Sê",
	"Kbang" };

static const char *const absence_reasons[] = { "Ốm, nằm viện",
	"Ốm, có giấy xin phép", "Đi công tác theo phân công của cơ quan",
	"Đi học lớp trung cấp lý luận chính trị", "Gia đình có việc hiếu",
	"Gia đình có việc hỷ, đã báo chi ủy", "Chăm mẹ ốm ở bệnh viện tỉnh",
	"Trực bảo đảm an ninh, trật tự theo phân công của Công an xã",
	"Đi làm ăn xa, đã báo cáo bằng văn bản",
	"Trực phòng chống lụt bão tại trụ sở xã", "Sinh con, đang nghỉ chế độ",
	"Đi tập huấn chuyên môn tại huyện", "Trực cơ quan theo lịch",
	"Tham gia đoàn kiểm tra của Đảng ủy", "Đưa con đi khám bệnh",
	"Tai nạn giao thông, đang điều trị tại nhà" };

static const char *const exempt_reasons[] = { "Tuổi cao, sức yếu",
	"Ốm đau dài ngày", "Tuổi cao, sức yếu, được miễn theo quy định" };

static const char *const member_notes[] = { "Tổ trưởng tổ tự quản xóm @N",
	"Chi hội trưởng Phụ nữ", "Chi hội trưởng Cựu chiến binh",
	"Chi hội trưởng Nông dân", "Trưởng Ban công tác Mặt trận",
	"Bí thư Chi đoàn", "Trưởng Ban Thanh tra nhân dân", "Nhân viên y tế",
	"Đảng viên lão thành", "Giáo viên nghỉ hưu", "Dân quân thường trực",
	"Công an viên", "Kế toán", "Cán bộ chuyên môn",
	"Tổ trưởng Tổ bảo vệ an ninh, trật tự" };

static const char *const upper_titles[] = {
	"Đảng ủy viên, Phó Chủ tịch UBND xã, phụ trách chi bộ",
	"Phó Bí thư Thường trực Đảng ủy", "Bí thư Đảng ủy",
	"Đảng ủy viên, Chủ tịch Ủy ban MTTQ xã",
	"Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Đảng ủy",
	"Đảng ủy viên, Trưởng Công an xã",
	"Đảng ủy viên, Chỉ huy trưởng Quân sự",
	"Đảng ủy viên, Văn phòng Đảng ủy phụ trách địa bàn"
};

static const char *const other_titles[] = { "Công chức Tư pháp – Hộ tịch xã",
	"Công chức Địa chính – Xây dựng", "Cán bộ Hội Nông dân xã",
	"Phóng viên Đài truyền thanh xã", "Cán bộ Trạm Y tế xã",
	"Cán bộ khuyến nông xã" };

/*
 * Templates: @Y year, @M month (number), @N a small number, @K hundreds,
 * @P a percentage, @Q the quarter in Roman numerals, @F the cell's place,
 * @D a day/month of this month.
 */
static const char *const notes_news[] = {
	"Tình hình kinh tế - xã hội của xã tháng @M; giá nông sản ổn định, bà "
	"con tập trung sản xuất.",
	"Thời sự trong nước và quốc tế nổi bật tháng @M/@Y; kết quả thu ngân "
	"sách của xã đạt @P% kế hoạch.",
	"Kỷ niệm các ngày lễ lớn trong tháng; phong trào thi đua yêu nước ở "
	"địa phương.",
	"Mưa lớn kéo dài gây ngập úng cục bộ; xã đã triển khai phương án ứng "
	"phó.",
	"Kết quả chuyển đổi số ở xã: @P% hộ dân đã có tài khoản định danh điện "
	"tử.",
	"Tình hình dịch bệnh trên cây trồng, vật nuôi; khuyến cáo của Trạm "
	"khuyến nông.",
	"Tiến độ xây dựng nông thôn mới nâng cao; các tuyến đường giao thông "
	"nông thôn đã bê tông hóa.",
	"Kết quả tuyển chọn, gọi công dân nhập ngũ năm @Y; @N thanh niên của "
	"@F trúng tuyển.",
	"Thông tin về sắp xếp đơn vị hành chính cấp xã và tổ chức chính quyền "
	"địa phương hai cấp.",
	"Tình hình an ninh chính trị, trật tự an toàn xã hội trên địa bàn ổn "
	"định."
};
static const char *const notes_directives[] = {
	"Quán triệt Kế hoạch của Đảng ủy xã về thực hiện nhiệm vụ tháng @M/@Y.",
	"Triển khai Chỉ thị của Ban Thường vụ Huyện ủy về tăng cường công tác "
	"phòng cháy, chữa cháy.",
	"Hướng dẫn của Ban Tổ chức Đảng ủy về kiểm điểm, đánh giá, xếp loại "
	"chất lượng năm @Y.",
	"Kế hoạch của UBND xã về thu hoạch vụ mùa và phòng chống thiên tai quý "
	"@Q.",
	"Quy định mới về những điều đảng viên không được làm; quán triệt đến "
	"từng đảng viên.",
	"Nghị quyết của Đảng ủy xã về phát triển kinh tế tập thể, hợp tác xã.",
	"Hướng dẫn thu, nộp, quản lý và sử dụng đảng phí theo quy định.",
	"Công văn của Đảng ủy về việc cập nhật thông tin đảng viên trên Sổ tay "
	"đảng viên điện tử."
};
static const char *const notes_ideology[] = {
	"Đảng viên yên tâm công tác, tin tưởng vào sự lãnh đạo của Đảng; không "
	"có biểu hiện tiêu cực.",
	"Một số hộ còn băn khoăn về giá vật tư nông nghiệp tăng; chi ủy đã "
	"giải thích, định hướng.",
	"Nhân dân phấn khởi với kết quả làm đường giao thông nông thôn; không "
	"có đơn thư vượt cấp.",
	"Đảng viên thống nhất cao với chủ trương sắp xếp tổ chức bộ máy.",
	"Bà con lo lắng về tình trạng lừa đảo qua mạng; đề nghị tăng cường "
	"tuyên truyền.",
	"Tư tưởng đảng viên, quần chúng ổn định; một số ý kiến quan tâm chính "
	"sách bảo hiểm xã hội."
};
static const char *const notes_residence[] = {
	"Đảng viên đang công tác giữ mối liên hệ với chi ủy nơi cư trú; @N "
	"đồng chí đã nhận xét đầy đủ.",
	"Chi ủy nơi cư trú phản hồi: đảng viên gương mẫu, tham gia tốt các "
	"phong trào ở khu dân cư.",
	"Đề nghị đảng viên thực hiện tốt Quy định số 213-QĐ/TW về trách nhiệm "
	"của đảng viên đang công tác đối với nơi cư trú."
};
static const char *const notes_tasks[] = {
	"Kết quả thực hiện nghị quyết tháng trước: hoàn thành @N/@N nhiệm vụ; "
	"còn tồn tại ở khâu vận động.",
	"Sơ kết nhiệm vụ tháng @M: các chỉ tiêu cơ bản đạt kế hoạch; thu quỹ "
	"đạt @P%.",
	"Đánh giá việc thực hiện nghị quyết kỳ trước; phong trào vệ sinh môi "
	"trường được duy trì.",
	"Tiến độ thu nộp đảng phí, thu các loại quỹ; @P% hộ đã đóng góp.",
	"Kết quả ra quân làm đường, nạo vét kênh mương; huy động @K ngày công."
};
static const char *const notes_tw4[] = {
	"Đảng viên tự liên hệ, kiểm điểm việc khắc phục biểu hiện suy thoái đã "
	"nhận diện.",
	"Mỗi đảng viên đăng ký một việc làm cụ thể học tập và làm theo tư "
	"tưởng, đạo đức, phong cách Hồ Chí Minh.",
	"Rà soát việc thực hiện kế hoạch tu dưỡng, rèn luyện cá nhân năm @Y.",
	"Nhắc nhở đảng viên nêu gương, không vi phạm những điều đảng viên "
	"không được làm.",
	"Chi ủy nhận xét việc thực hiện nêu gương của cán bộ, đảng viên trong "
	"tháng.",
	"Đảng viên tự đánh giá việc thực hiện cam kết tu dưỡng, rèn luyện @M "
	"tháng."
};
static const char *const notes_anticorr[] = {
	"Ban Thanh tra nhân dân giám sát việc thu chi quỹ của @F; không phát "
	"hiện sai phạm.",
	"Công khai các khoản đóng góp của nhân dân xây dựng công trình phúc "
	"lợi.",
	"Rà soát việc thực hiện quy chế dân chủ ở cơ sở; công khai minh bạch "
	"các khoản thu, chi.",
	"Nhắc đảng viên kê khai, minh bạch tài sản, thu nhập theo quy định.",
	"Giám sát việc hỗ trợ hộ nghèo, hộ cận nghèo bảo đảm đúng đối tượng.",
	"Quán triệt quy định về phòng, chống lãng phí trong tổ chức việc cưới, "
	"việc tang."
};
static const char *const notes_discussion[] = {
	"Đảng viên thảo luận, đóng góp ý kiến vào dự thảo nghị quyết tháng.",
	"Thảo luận giải pháp nâng cao chất lượng sinh hoạt chi bộ.",
	"Bàn biện pháp vận động nhân dân tham gia xây dựng nông thôn mới.",
	"Thảo luận phương án phòng chống thiên tai, dịch bệnh ở khu dân cư."
};
static const char *const notes_next[] = {
	"Nhiệm vụ tháng @M: chăm sóc lúa, phòng trừ sâu bệnh; tiếp tục thu các "
	"loại quỹ.",
	"Chuẩn bị tổng kết công tác năm; đảng viên viết bản tự kiểm điểm.",
	"Tập trung ra quân vệ sinh môi trường, trồng cây xanh dọc các tuyến "
	"đường.",
	"Triển khai kế hoạch tháng tới; phân công đảng viên phụ trách nhóm hộ.",
	"Tiếp tục vận động nhân dân hiến đất mở rộng đường; hoàn thành trước "
	"ngày @D."
};
static const char *const notes_superior[] = {
	"Đồng chí dự họp ghi nhận chi bộ sinh hoạt đúng quy trình, nội dung "
	"thiết thực.",
	"Đề nghị chi bộ quan tâm công tác phát triển đảng viên, nhất là đoàn "
	"viên thanh niên.",
	"Đề nghị nghị quyết ngắn gọn, sát thực tế, phân công rõ người, rõ "
	"việc.",
	"Biểu dương chi bộ có tỷ lệ đảng viên dự sinh hoạt cao; nhắc chuẩn bị "
	"tài liệu gửi trước."
};
static const char *const notes_other[] = {
	"Thông qua kế hoạch sinh hoạt chuyên đề năm @Y của chi bộ.",
	"Chi ủy báo cáo công tác thu, nộp đảng phí quý @Q.",
	"Lấy ý kiến đảng viên về nhân sự tham gia ban điều hành khu dân cư.",
	"Thông báo lịch tiếp công dân của Đảng ủy và UBND xã."
};
static const char *const notes_admission[] = {
	"Chi bộ xét và đề nghị kết nạp quần chúng ưu tú vào Đảng; tổ chức lễ "
	"kết nạp theo nghi thức.",
	"Lễ kết nạp đảng viên mới; đồng chí đảng viên được phân công giúp đỡ "
	"trình bày ý kiến."
};

static const char *const review_done[] = { "Đã hoàn thành đúng tiến độ.",
	"Đã triển khai xong, nhân dân đồng tình.",
	"Hoàn thành; đã báo cáo kết quả về Đảng ủy.",
	"Đã thực hiện, đạt @P% kế hoạch đề ra.",
	"Hoàn thành trước thời hạn, huy động @K ngày công.",
	"Đã tổ chức xong; @N hộ tham gia." };
static const char *const review_partial[] = {
	"Đang thực hiện, đạt khoảng @P%; tiếp tục đôn đốc trong tháng tới.",
	"Mới hoàn thành một phần do thời tiết không thuận lợi.",
	"Còn @N hộ chưa thực hiện; giao tổ tự quản tiếp tục vận động.",
	"Đã triển khai, chưa xong; gia hạn đến cuối tháng."
};
static const char *const review_not[] = {
	"Chưa thực hiện được do chờ kinh phí của xã.",
	"Chưa triển khai; chuyển sang nghị quyết tháng này.",
	"Chưa thực hiện do mưa bão; chi ủy nhắc nhở người được phân công."
};

static const char *const speak_verb[] = { "Đề nghị", "Đề xuất", "Kiến nghị",
	"Nêu ý kiến", "Góp ý", "Nhấn mạnh", "Đồng tình và đề nghị" };
static const char *const speak_obj[] = {
	"tăng cường tuyên truyền về phòng, chống lừa đảo qua mạng",
	"công khai danh sách hộ đóng góp làm đường giao thông",
	"vận động con em đi học đúng độ tuổi, không để học sinh bỏ học",
	"kiểm tra hệ thống loa truyền thanh trước mùa mưa bão",
	"tổ chức ra quân vệ sinh môi trường vào sáng chủ nhật hằng tuần",
	"nhắc nhở các hộ chăn nuôi không thả rông gia súc",
	"chi bộ quan tâm bồi dưỡng quần chúng ưu tú để kết nạp",
	"xây dựng mô hình tự quản về an ninh trật tự ở khu dân cư",
	"hỗ trợ hộ nghèo cải tạo nhà ở trước mùa mưa",
	"đẩy mạnh ứng dụng VNeID và dịch vụ công trực tuyến cho người dân",
	"nhân rộng mô hình trồng rau an toàn theo tiêu chuẩn VietGAP",
	"tổ chức giải bóng chuyền chào mừng ngày thành lập Đảng",
	"rà soát đối tượng được hưởng chính sách bảo trợ xã hội",
	"vận động hiến đất mở rộng đường liên xóm",
	"kiểm tra việc thực hiện hương ước, quy ước của khu dân cư",
	"đảng viên gương mẫu đi đầu trong thực hiện nếp sống văn minh",
	"mở lớp hướng dẫn người cao tuổi sử dụng điện thoại thông minh",
	"thành lập tổ thu gom rác thải sinh hoạt ở các xóm",
	"bổ sung nội dung phòng cháy rừng vào nghị quyết tháng",
	"lắp đặt đèn năng lượng mặt trời ở các tuyến đường xóm",
	"chi ủy đánh giá sát hơn việc thực hiện nhiệm vụ của từng đảng viên",
	"phối hợp với nhà trường quản lý học sinh trong dịp nghỉ hè",
	"giữ gìn đoàn kết trong khu dân cư, hòa giải kịp thời mâu thuẫn nhỏ",
	"tuyên truyền chính sách bảo hiểm xã hội tự nguyện, bảo hiểm y tế",
	"theo dõi tình hình sâu bệnh trên lúa để phun thuốc kịp thời",
	"chuẩn bị chu đáo cho ngày hội Đại đoàn kết toàn dân tộc"
};
static const char *const speak_tail[] = { "", "", "", "", "", "", "",
	" để bảo đảm an toàn cho nhân dân", " trong tháng tới",
	", giao cho chi hội phụ trách", ", đảng viên làm trước để dân làm theo",
	" trước ngày @D", ", báo cáo kết quả tại kỳ sinh hoạt sau", " ở @F" };

static const char *const res_content[] = {
	"Ra quân vệ sinh môi trường, khơi thông cống rãnh trên địa bàn.",
	"Vận động nhân dân đóng góp quỹ phòng chống thiên tai năm @Y.",
	"Tổ chức thu hoạch lúa vụ mùa nhanh gọn, tránh mưa bão.",
	"Hoàn thành thu nộp đảng phí quý @Q.",
	"Tuyên truyền phòng, chống lừa đảo qua mạng đến từng hộ.",
	"Tổ chức gặp mặt, tặng quà gia đình chính sách nhân ngày lễ.",
	"Bồi dưỡng quần chúng ưu tú, chuẩn bị hồ sơ đề nghị kết nạp Đảng.",
	"Vận động hiến đất mở rộng đường liên xóm.",
	"Rà soát, cập nhật danh sách hộ nghèo, hộ cận nghèo.",
	"Tuyên truyền, vận động thanh niên thực hiện nghĩa vụ quân sự.",
	"Xây dựng mô hình khu dân cư tự quản về an ninh trật tự.",
	"Chăm sóc, bảo vệ cây xanh đã trồng dọc các tuyến đường.",
	"Hướng dẫn người dân cài đặt, sử dụng ứng dụng VNeID.",
	"Chuẩn bị kiểm điểm, đánh giá, xếp loại đảng viên cuối năm.",
	"Phòng chống dịch bệnh trên đàn gia súc, gia cầm.",
	"Tổ chức ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư."
};
static const char *const res_measures[] = {
	"Chi ủy phân công đảng viên phụ trách từng nhóm hộ; báo cáo kết quả "
	"tại kỳ sinh hoạt sau.",
	"Các chi hội vận động hội viên; tổ tự quản đôn đốc từng hộ.",
	"Đảng viên làm trước, vận động gia đình và nhân dân làm theo.",
	"Ban công tác Mặt trận chủ trì, phối hợp các chi hội thực hiện.",
	"Phối hợp với UBND xã và các ban ngành; thường xuyên kiểm tra, đôn "
	"đốc.",
	"Chi đoàn làm nòng cốt, huy động đoàn viên thanh niên tham gia.",
	"Công khai kết quả trên loa truyền thanh và bảng tin của thôn.",
	"Bí thư chi bộ trực tiếp chỉ đạo; định kỳ báo cáo Đảng ủy."
};
static const char *const conclusions[] = {
	"Chi bộ thống nhất các giải pháp đã thảo luận; mỗi đảng viên đăng ký "
	"việc làm cụ thể và báo cáo kết quả tại kỳ sinh hoạt cuối quý.",
	"Chi bộ kết luận: đảng viên nâng cao nhận thức, gương mẫu thực hiện; "
	"chi ủy cụ thể hóa thành nội dung nghị quyết tháng sau.",
	"Chi bộ thống nhất đưa nội dung chuyên đề vào chương trình hành động, "
	"giao chi ủy theo dõi, đôn đốc việc thực hiện.",
	"Đồng chí chủ trì kết luận, tiếp thu các ý kiến; chi bộ thống nhất "
	"phân công đảng viên phụ trách từng phần việc."
};
static const char *const them_next[] = {
	"Chi ủy cụ thể hóa nội dung chuyên đề vào nghị quyết tháng @M; mỗi "
	"đảng viên đăng ký một việc làm cụ thể, báo cáo kết quả cuối quý @Q.",
	"Gửi báo cáo kết quả sinh hoạt chuyên đề về Đảng ủy; đưa việc thực "
	"hiện vào nội dung kiểm điểm cuối năm @Y.",
	"Phân công chi ủy viên theo dõi việc thực hiện của từng nhóm đảng "
	"viên, định kỳ nhận xét tại kỳ sinh hoạt thường kỳ.",
	"Tuyên truyền nội dung chuyên đề đến các chi hội, đoàn thể và nhân dân "
	"ở @F; đảng viên gương mẫu thực hiện trước."
};
static const char *const amend_reasons[] = {
	"Sửa lý do vắng của một đồng chí theo giấy xin phép nộp sau",
	"Bổ sung nội dung ý kiến phát biểu còn ghi thiếu",
	"Sửa thời hạn nghị quyết theo kết luận của chi ủy",
	"Sửa lỗi chính tả trong phần kết luận"
};

/* Thematic topics, one list per category (cb's order). */
static const char *const categories[] = { "hcm", "degradation",
	"party-building", "capacity", "directives", "political-task",
	"tradition" };
static const char *const topics[][4] = {
	{ "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về "
	  "tinh thần đoàn kết, gần dân, trọng dân",
	    "Học tập và làm theo Bác về thực hành tiết kiệm, chống lãng phí "
	    "năm @Y",
	    "Làm theo lời Bác về nêu gương của cán bộ, đảng viên ở @F",
	    "Tư tưởng Hồ Chí Minh về xây dựng Đảng trong sạch, vững mạnh" },
	{ "Tự soi, tự sửa gắn với khắc phục hạn chế sau kiểm điểm năm @Y",
	    "Nhận diện và phòng ngừa biểu hiện suy thoái về tư tưởng chính "
	    "trị, đạo đức, lối sống",
	    "Phòng, chống biểu hiện \"tự diễn biến\", \"tự chuyển hóa\" trong "
	    "nội bộ",
	    "Đảng viên nêu gương, nói đi đôi với làm ở khu dân cư" },
	{ "Nâng cao chất lượng sinh hoạt chi bộ, đổi mới nội dung, hình thức "
	  "sinh hoạt",
	    "Công tác phát triển đảng viên trong đoàn viên thanh niên ở @F",
	    "Nâng cao vai trò của chi ủy trong quản lý, phân công nhiệm vụ cho "
	    "đảng viên",
	    "Công tác kiểm tra, giám sát của chi bộ đối với đảng viên" },
	{ "Nâng cao năng lực số cho đảng viên: Sổ tay đảng viên điện tử, "
	  "VNeID, dịch vụ công trực tuyến",
	    "Nâng cao kỹ năng vận động quần chúng của đảng viên",
	    "Kỹ năng nắm bắt, định hướng dư luận xã hội ở cơ sở",
	    "Nâng cao năng lực lãnh đạo của chi bộ trong phát triển kinh tế "
	    "hộ" },
	{ "Thực hiện Luật Đất đai năm 2024 trong quản lý, sử dụng đất ở cơ sở",
	    "Quán triệt, thực hiện Quy định về những điều đảng viên không được "
	    "làm",
	    "Thực hiện Chỉ thị về tăng cường công tác phòng cháy, chữa cháy ở "
	    "khu dân cư",
	    "Thực hiện quy chế dân chủ ở cơ sở theo Luật Thực hiện dân chủ ở "
	    "cơ sở" },
	{ "Giải pháp xây dựng @F đạt chuẩn khu dân cư nông thôn mới kiểu mẫu",
	    "Phát triển kinh tế hộ gắn với chuyển đổi cơ cấu cây trồng, vật "
	    "nuôi",
	    "Bảo đảm an ninh, trật tự và an toàn giao thông trên địa bàn",
	    "Bảo vệ môi trường, thu gom, xử lý rác thải sinh hoạt ở khu dân "
	    "cư" },
	{ "Giáo dục truyền thống cách mạng nhân kỷ niệm ngày thành lập Đảng",
	    "Truyền thống cách mạng của quê hương @F",
	    "Phát huy truyền thống \"Uống nước nhớ nguồn\" nhân ngày Thương "
	    "binh - Liệt sĩ",
	    "Giáo dục truyền thống nhân kỷ niệm Cách mạng tháng Tám và Quốc "
	    "khánh 2/9" }
};

static const char *const roman[] = { "I", "II", "III", "IV" };

/* ------------------------------------------------------------- model */

struct member {
	char id[16];
	char name[96];
	int official;
	int joined, left, exempt; /* day numbers; 0 = none */
	int left_reason, exempt_reason;
	int roles; /* 1 secretary, 2 deputy, 4 committee */
	int note;  /* member_notes index + 1, or 0 */
	int nfd;   /* referenced in NFD when by name */
};

struct absn {
	int m, excused, reason; /* reason: index, -1 none */
};

struct reso {
	int deadline, nas, as[4], content, measure;
};

enum { K_REG = 1, K_THEM, K_EXTRA };

enum plant_kind {
	P_NONE,
	P_REMOVE_PRESENT,
	P_DAY9,
	P_BLANK_DEADLINE,
	P_REVIEW_MISSING,
	P_UNKNOWN_MEMBER,
	P_MISSING_MONTH,
	P_VOTE_COUNT,
	P_THEMATIC_MISSING,
	P_NOT_ANNOUNCED,
	P_PAPERS_LATE,
	P_TOO_SHORT,
	P_AGENDA_MISSING,
	P_NO_REASON,
	P_DUP_PRESENT,
	P_UNKNOWN_RES,
	P_DEADLINE_BEFORE,
	P_NOT_APPROVED,
	P_OFF_PLAN,
	P_UPPER_ABSENT,
	P_COUNT
};

static const char *const plant_rule[] = { "", "attendance/unaccounted",
	"schedule/regular-window", "minutes/resolution-incomplete",
	"minutes/review-missing", "ref/unknown-member",
	"schedule/regular-missing", "minutes/vote-count", "thematic/missing",
	"thematic/not-announced", "schedule/papers-late", "schedule/too-short",
	"minutes/agenda-required", "attendance/no-reason",
	"attendance/duplicate", "ref/unknown-resolution",
	"minutes/deadline-before-meeting", "minutes/not-approved",
	"thematic/off-plan", "schedule/upper-absent" };

struct mtg {
	int kind, date, start, end, papers;
	int combined; /* a thematic meeting held right after the regular */
	int np, na;
	int pres[MAXMEM];
	struct absn ab[MAXMEM];
	int upper, guest_other;
	int nres;
	struct reso res[4];
	int prev_date, prev_nres; /* the previous regular meeting */
	int nc, contrib[MAXMEM];
	int vfor, vagainst, vabstain;
	int admit; /* member index, or -1 */
	int quarter, presenter, category, topic, announced, reported;
	int plant, plant_x;
	int amend;
	char suffix[16];
};

struct plant {
	int cell, year, month, kind;
};

static struct plant plants[MAXPLANT];
static int nplants;

struct cell {
	int idx, office;
	int type; /* index into cell_types */
	char code[32], name[160], committee[160], place[160], dir[4096];
	char locality[160]; /* what @F says */
	int nm;
	struct member m[MAXMEM];
	int recorder;
	int upper_guest[2];
	int office_place;
	int byname; /* writes some references as full names */
	int crlf, bom;
	int morning;
	/* period state */
	int last_reg_date, last_reg_nres;
	int upper_gap;
	int tplan_cat[4], tplan_topic[4], tplan_pres[4];
	struct rng r;
};

static const char *const cell_types[] = { "village", "residential", "agency",
	"school", "enterprise", "armed", "other" };

static int first_year, last_year;
static char outdir[2048];
static FILE *expected;
static char upper_names[256][96];

static struct sb buf;

/* ------------------------------------------------------------- text */

struct tctx {
	int year, month, quarter;
	const char *place;
};

static void
expand(
    struct rng *r, const char *tpl, const struct tctx *c, char *out, size_t cap)
{
	size_t o = 0;

	for (; *tpl && o + 64 < cap; tpl++) {
		if (*tpl != '@' || tpl[1] == '\0') {
			out[o++] = *tpl;
			continue;
		}
		char t[160];

		switch (*++tpl) {
		case 'Y':
			xsnprintf(t, sizeof(t), "%d", c->year);
			break;
		case 'M':
			xsnprintf(t, sizeof(t), "%d", c->month);
			break;
		case 'N':
			xsnprintf(t, sizeof(t), "%d", ri(r, 2, 30));
			break;
		case 'K':
			xsnprintf(t, sizeof(t), "%d", ri(r, 12, 95) * 10);
			break;
		case 'P':
			xsnprintf(t, sizeof(t), "%d", ri(r, 75, 100));
			break;
		case 'Q':
			xsnprintf(t, sizeof(t), "%s", roman[c->quarter - 1]);
			break;
		case 'F':
			xsnprintf(t, sizeof(t), "%s", c->place);
			break;
		case 'D':
			xsnprintf(
			    t, sizeof(t), "%d/%d", ri(r, 15, 28), c->month);
			break;
		default:
			t[0] = '@';
			t[1] = *tpl;
			t[2] = '\0';
		}
		size_t l = strlen(t);

		if (o + l + 1 >= cap)
			break;
		memcpy(out + o, t, l);
		o += l;
	}
	out[o] = '\0';
}

static void
gen_name(struct rng *r, struct cell *c, char *out, size_t cap)
{
	for (int tries = 0;; tries++) {
		/* one draw a statement: the order of arguments is unspecified */
		int female = pct(r, 40);
		const char *fam = PICK(r, families);
		const char *mid =
		    female ? PICK(r, middles_f) : PICK(r, middles_m);
		const char *giv =
		    female ? PICK(r, givens_f) : PICK(r, givens_m);

		xsnprintf(out, cap, "%s %s %s", fam, mid, giv);
		if (tries > 50 && tries < 1000) {
			/* a four-part name, as many have */
			char tmp[96];

			xsnprintf(
			    tmp, sizeof(tmp), "%s %s", PICK(r, families), out);
			xsnprintf(out, cap, "%s", tmp);
		}
		int dup = 0;

		for (int i = 0; i < c->nm && !dup; i++)
			dup = strcmp(c->m[i].name, out) == 0;
		if (!dup)
			return;
	}
}

/* --------------------------------------------------------- membership */

static int
expected_at(const struct member *m, int date)
{
	if (m->joined > date)
		return 0;
	if (m->left && m->left < date)
		return 0;
	if (m->exempt && m->exempt <= date)
		return 0;
	return 1;
}

/* Expected at every meeting between the two dates. */
static int
expected_all(const struct member *m, int from, int to)
{
	return expected_at(m, from) && expected_at(m, to);
}

/* ------------------------------------------------------------- plants */

static int
plant_at(int cell, int y, int m)
{
	if (m == 0) {
		y--;
		m = 12;
	}
	if (m == 13) {
		y++;
		m = 1;
	}
	for (int i = 0; i < nplants; i++)
		if (plants[i].cell == cell && plants[i].year == y &&
		    plants[i].month == m)
			return plants[i].kind;
	return P_NONE;
}

/* The plant of the quarter, for the quarter-wide kinds. */
static int
plant_quarter(int cell, int y, int q, int kind)
{
	for (int m = 3 * q - 2; m <= 3 * q; m++)
		if (plant_at(cell, y, m) == kind)
			return 1;
	return 0;
}

static void
record(const char *path, int line, int kind)
{
	size_t n = strlen(outdir);

	if (expected == NULL)
		return;
	if (strncmp(path, outdir, n) == 0 && path[n] == '/')
		path += n + 1;
	fprintf(expected, "%s:%d: %s\n", path, line, plant_rule[kind]);
}

/* ------------------------------------------------------------ writing */

static const char *
mref(const struct cell *c, int k, char *tmp, size_t cap)
{
	const struct member *m = &c->m[k];

	if (!c->byname)
		return m->id;
	if (m->nfd) {
		to_nfd(m->name, tmp, cap);
		return tmp;
	}
	return m->name;
}

/*
 * A flow sequence of members; wraps near 80 columns. Returns the line of
 * element `mark` (or -1).
 */
static int
flow_members(struct sb *b, const struct cell *c, const char *lead,
    const int *list, int n, int by_name_pct, struct rng *r, int mark,
    const char *extra)
{
	int col = width(lead) + 1, line_of_mark = -1;
	char tmp[256];

	sb_puts(b, lead);
	sb_puts(b, "[");
	for (int i = 0; i <= n; i++) {
		const char *s;

		if (i == n) {
			if (extra == NULL)
				break;
			s = extra;
		} else if (by_name_pct && pct(r, by_name_pct)) {
			const struct member *m = &c->m[list[i]];

			if (m->nfd)
				to_nfd(m->name, tmp, sizeof(tmp));
			else
				xsnprintf(tmp, sizeof(tmp), "%s", m->name);
			s = tmp;
		} else {
			s = c->m[list[i]].id;
		}
		int w = width(s);

		if (i > 0) {
			if (col + 2 + w + 1 > 78) {
				sb_puts(b, ",\n  ");
				col = 2;
			} else {
				sb_puts(b, ", ");
				col += 2;
			}
		}
		if (i == mark)
			line_of_mark = b->line;
		sb_puts(b, s);
		col += w;
	}
	sb_puts(b, "]\n");
	return line_of_mark;
}

static void
hhmm(int t, char *out)
{
	xsnprintf(out, 8, "%02d:%02d", (t / 60) % 24, t % 60);
}

static void
write_header(struct sb *b, struct cell *c, struct mtg *g, const char *path)
{
	char d[11], t[8];

	sb_printf(b, "kind: %s\n",
	    g->kind == K_REG	    ? "regular"
		: g->kind == K_THEM ? "thematic"
				    : "extraordinary");
	if (g->plant == P_DAY9)
		record(path, b->line, P_DAY9);
	sb_printf(b, "date: %s\n", fdate(g->date, d));
	if (g->plant == P_TOO_SHORT)
		record(path, b->line, P_TOO_SHORT);
	hhmm(g->start, t);
	sb_printf(b, "start: \"%s\"\n", t);
	hhmm(g->end, t);
	sb_printf(b, "end: \"%s\"\n", t);
	if (g->papers) {
		if (g->plant == P_PAPERS_LATE)
			record(path, b->line, P_PAPERS_LATE);
		sb_printf(b, "papers_posted: %s\n", fdate(g->papers, d));
	}
	sb_kv(b, "", "place", c->place);
	sb_printf(b, "chair: %s\n", c->m[0].id);
	sb_printf(b, "recorder: %s\n", c->m[c->recorder].id);
	if (g->upper || g->guest_other) {
		sb_puts(b, "guests:\n");
		if (g->upper) {
			int u = c->upper_guest[g->date % 2];

			sb_kv(b, "  - ", "name", upper_names[u]);
			sb_kv(b, "    ", "title",
			    upper_titles[u % NELEM(upper_titles)]);
			sb_puts(b, "    upper: true\n");
		}
		if (g->guest_other) {
			char name[96];

			gen_name(&c->r, c, name, sizeof(name));
			sb_kv(b, "  - ", "name", name);
			sb_kv(b, "    ", "title", PICK(&c->r, other_titles));
			sb_puts(b, "    upper: false\n");
		}
	}
}

static void
write_attendance(struct sb *b, struct cell *c, struct mtg *g, const char *path)
{
	char extra[32];
	const char *dup = NULL;
	int mark = -1;

	if (g->plant == P_REMOVE_PRESENT)
		record(path, b->line, P_REMOVE_PRESENT);
	if (g->plant == P_DUP_PRESENT) {
		/* the last present member, once more at the end */
		xsnprintf(extra, sizeof(extra), "%s", c->m[g->pres[1]].id);
		dup = extra;
		mark = g->np;
	}
	int l = flow_members(b, c, "present: ", g->pres, g->np,
	    c->byname ? 4 : 0, &c->r, mark, dup);

	if (g->plant == P_DUP_PRESENT)
		record(path, l, P_DUP_PRESENT);
	if (g->na == 0)
		return;
	sb_puts(b, "absent:\n");
	for (int i = 0; i < g->na; i++) {
		const struct absn *a = &g->ab[i];

		if (g->plant == P_NO_REASON && i == 0)
			record(path, b->line, P_NO_REASON);
		sb_printf(b, "  - member: %s\n", c->m[a->m].id);
		sb_printf(
		    b, "    excused: %s\n", a->excused ? "true" : "false");
		if (a->reason >= 0 && !(g->plant == P_NO_REASON && i == 0))
			sb_kv(b, "    ", "reason", absence_reasons[a->reason]);
	}
}

static void
write_contributions(
    struct sb *b, struct cell *c, struct mtg *g, const struct tctx *tc)
{
	char text[1024], t1[512], t2[256], tmp[256];

	if (g->nc == 0)
		return;
	sb_puts(b, "contributions:\n");
	for (int i = 0; i < g->nc; i++) {
		int k = g->contrib[i];

		sb_printf(b, "  - member: %s\n",
		    c->byname && pct(&c->r, 30) ? mref(c, k, tmp, sizeof(tmp))
						: c->m[k].id);
		expand(&c->r, PICK(&c->r, speak_tail), tc, t2, sizeof(t2));
		const char *verb = PICK(&c->r, speak_verb);
		const char *obj = PICK(&c->r, speak_obj);

		xsnprintf(t1, sizeof(t1), "%s %s%s.", verb, obj, t2);
		expand(&c->r, t1, tc, text, sizeof(text));
		sb_kv(b, "    ", "summary", text);
	}
}

static void
write_minutes(struct sb *b, struct cell *c, struct mtg *g, const char *path)
{
	char d[11];

	sb_puts(b, "minutes:\n");
	if (g->plant == P_NOT_APPROVED) {
		record(path, b->line, P_NOT_APPROVED);
		sb_puts(b, "  approved: false\n");
	} else {
		sb_puts(b, "  approved: true\n");
	}
	sb_printf(b, "  signed: [%s, %s]\n", c->m[0].id, c->m[c->recorder].id);
	if (g->amend) {
		sb_puts(b, "amendments:\n");
		sb_printf(b, "  - date: %s\n", fdate(g->amend, d));
		sb_printf(b, "    by: %s\n", c->m[c->recorder].id);
		sb_kv(b, "    ", "reason", PICK(&c->r, amend_reasons));
	}
}

static const char *const agenda_codes[] = { "news", "directives", "ideology",
	"residence", "tasks-review", "tw4", "anticorruption", "discussion",
	"next-tasks", "superior", "admission", "other" };

static void
write_agenda_item(struct sb *b, struct cell *c, int item, const struct tctx *tc)
{
	const char *const *bank = NULL;
	int n = 0;
	char text[1024];

#define BANK(a)                                                                \
	do {                                                                   \
		bank = (a);                                                    \
		n = NELEM(a);                                                  \
	} while (0)
	switch (item) {
	case 0:
		BANK(notes_news);
		break;
	case 1:
		BANK(notes_directives);
		break;
	case 2:
		BANK(notes_ideology);
		break;
	case 3:
		BANK(notes_residence);
		break;
	case 4:
		BANK(notes_tasks);
		break;
	case 5:
		BANK(notes_tw4);
		break;
	case 6:
		BANK(notes_anticorr);
		break;
	case 7:
		BANK(notes_discussion);
		break;
	case 8:
		BANK(notes_next);
		break;
	case 9:
		BANK(notes_superior);
		break;
	case 10:
		BANK(notes_admission);
		break;
	default:
		BANK(notes_other);
		break;
	}
#undef BANK
	sb_printf(b, "  - item: %s\n", agenda_codes[item]);
	if (item != 11 && pct(&c->r, 5))
		return;
	expand(&c->r, bank[ri(&c->r, 0, n - 1)], tc, text, sizeof(text));
	sb_kv(b, "    ", "notes", text);
}

static void
write_meeting(struct cell *c, struct mtg *g)
{
	char path[4096], d[11], text[1024], tmp[256], topic[512];
	struct sb *b = &buf;
	struct tctx tc;
	int y = year_of(g->date), mo = month_of(g->date);

	tc.year = y;
	tc.month = mo;
	tc.quarter = (mo + 2) / 3;
	tc.place = c->locality;
	xsnprintf(path, sizeof(path), "%s/meetings/%d", c->dir, y);
	mkdirs(path);
	xsnprintf(path, sizeof(path), "%s/meetings/%d/%s%s.yaml", c->dir, y,
	    fdate(g->date, d), g->suffix);
	sb_reset(b);
	write_header(b, c, g, path);
	write_attendance(b, c, g, path);

	if (g->kind == K_THEM) {
		sb_puts(b, "thematic:\n");
		if (g->plant == P_NOT_ANNOUNCED)
			record(path, b->line, P_NOT_ANNOUNCED);
		expand(&c->r, topics[g->category][g->topic], &tc, topic,
		    sizeof(topic));
		sb_kv(b, "  ", "topic", topic);
		if (g->plant == P_OFF_PLAN) {
			record(path, b->line, P_OFF_PLAN);
			sb_printf(b, "  category: %s\n",
			    categories[(g->category + 1) % 7]);
		} else {
			sb_printf(
			    b, "  category: %s\n", categories[g->category]);
		}
		sb_printf(b, "  presenter: %s\n", c->m[g->presenter].id);
		if (g->plant != P_NOT_ANNOUNCED)
			sb_printf(
			    b, "  announced: %s\n", fdate(g->announced, d));
		expand(
		    &c->r, PICK(&c->r, conclusions), &tc, text, sizeof(text));
		sb_kv(b, "  ", "conclusion", text);
		if (g->reported)
			sb_printf(b, "  reported: %s\n", fdate(g->reported, d));
		sb_puts(b, "agenda:\n");
		sb_puts(b, "  - item: other\n");
		if (g->np < 16)
			xsnprintf(text, sizeof(text),
			    "Sinh hoạt chuyên đề quý %s năm %d, chủ đề: %s. "
			    "Đồng chí %s trình bày đề dẫn.",
			    roman[tc.quarter - 1], y, topic,
			    c->m[g->presenter].name);
		else
			xsnprintf(text, sizeof(text),
			    "Sinh hoạt chuyên đề quý %s; đồng chí %s trình bày "
			    "đề dẫn.",
			    roman[tc.quarter - 1], c->m[g->presenter].name);
		sb_kv(b, "    ", "notes", text);
		sb_puts(b, "  - item: discussion\n");
		sb_kv(b, "    ", "notes", PICK(&c->r, notes_discussion));
		sb_puts(b, "  - item: next-tasks\n");
		expand(&c->r, PICK(&c->r, them_next), &tc, text, sizeof(text));
		sb_kv(b, "    ", "notes", text);
		write_contributions(b, c, g, &tc);
		write_minutes(b, c, g, path);
		write_file(path, b, c->crlf, c->bom);
		return;
	}

	/* agenda */
	int items[12], ni = 0;

	if (g->kind == K_REG) {
		int want = ri(&c->r, 2, 4), chosen[12] = { 0 };

		want += pct(&c->r, 20);
		static const int opt[] = { 0, 1, 2, 3, 4, 7, 8, 11 };

		chosen[5] = 1;
		chosen[6] = g->plant != P_AGENDA_MISSING;
		if (g->upper)
			chosen[9] = pct(&c->r, 80), want -= chosen[9];
		if (g->admit >= 0)
			chosen[10] = 1;
		for (int i = 0; i < want; i++)
			chosen[opt[ri(&c->r, 0, NELEM(opt) - 1)]] = 1;
		for (int i = 0; i < 12; i++)
			if (chosen[i])
				items[ni++] = i;
	} else {
		items[ni++] = 1;
		items[ni++] = 2;
		items[ni++] = 11;
		items[ni++] = 7;
		items[ni++] = 8;
	}
	if (g->plant == P_AGENDA_MISSING)
		record(path, b->line + 1, P_AGENDA_MISSING);
	sb_puts(b, "agenda:\n");
	for (int i = 0; i < ni; i++)
		write_agenda_item(b, c, items[i], &tc);

	/* review */
	if (g->kind == K_REG && g->prev_nres > 0) {
		int n = g->prev_nres - (g->plant == P_REVIEW_MISSING);

		sb_puts(b, "review:\n");
		if (g->plant == P_REVIEW_MISSING)
			record(path, b->line, P_REVIEW_MISSING);
		for (int i = 0; i < n; i++) {
			int s = ri(&c->r, 0, 99);

			sb_printf(b, "  - ref: %s/%d\n", fdate(g->prev_date, d),
			    i + 1);
			sb_printf(b, "    status: %s\n",
			    s < 70	 ? "done"
				: s < 92 ? "partial"
					 : "not-done");
			expand(&c->r,
			    s < 70	 ? PICK(&c->r, review_done)
				: s < 92 ? PICK(&c->r, review_partial)
					 : PICK(&c->r, review_not),
			    &tc, text, sizeof(text));
			sb_kv(b, "    ", "notes", text);
		}
		if (g->plant == P_UNKNOWN_RES) {
			record(path, b->line, P_UNKNOWN_RES);
			sb_printf(b, "  - ref: %s/%d\n", fdate(g->prev_date, d),
			    g->prev_nres + 5);
			sb_puts(b, "    status: done\n");
		}
	}

	write_contributions(b, c, g, &tc);

	sb_puts(b, "resolutions:\n");
	for (int i = 0; i < g->nres; i++) {
		const struct reso *rs = &g->res[i];
		int ids[4];

		if (i == 0 && g->plant == P_BLANK_DEADLINE)
			record(path, b->line, P_BLANK_DEADLINE);
		sb_printf(b, "  - id: %d\n", i + 1);
		expand(
		    &c->r, res_content[rs->content], &tc, text, sizeof(text));
		sb_kv(b, "    ", "content", text);
		sb_kv(b, "    ", "measures", res_measures[rs->measure]);
		if (i == 0 && g->plant == P_BLANK_DEADLINE) {
			sb_puts(b, "    deadline:\n");
		} else {
			if (i == 0 && g->plant == P_DEADLINE_BEFORE)
				record(path, b->line, P_DEADLINE_BEFORE);
			sb_printf(
			    b, "    deadline: %s\n", fdate(rs->deadline, d));
		}
		for (int k = 0; k < rs->nas; k++)
			ids[k] = rs->as[k];
		xsnprintf(tmp, sizeof(tmp), "DV9%02d", ri(&c->r, 10, 99));
		int l = flow_members(b, c, "    assignees: ", ids, rs->nas, 0,
		    &c->r, rs->nas,
		    i == 0 && g->plant == P_UNKNOWN_MEMBER ? tmp : NULL);

		if (i == 0 && g->plant == P_UNKNOWN_MEMBER)
			record(path, l, P_UNKNOWN_MEMBER);
	}
	if (g->plant == P_VOTE_COUNT)
		record(path, b->line, P_VOTE_COUNT);
	sb_printf(b, "vote: {for: %d, against: %d, abstain: %d}\n", g->vfor,
	    g->vagainst, g->vabstain);
	if (g->admit >= 0)
		sb_printf(b, "admissions: [%s]\n", c->m[g->admit].id);
	write_minutes(b, c, g, path);
	write_file(path, b, c->crlf, c->bom);
}

static void
write_cell_yaml(struct cell *c)
{
	char path[4096], d[11];
	struct sb *b = &buf;
	static const char *const left_reasons[] = { "transferred", "died",
		"other", "removed" };

	sb_reset(b);
	sb_puts(b, "cell:\n");
	sb_printf(b, "  code: %s\n", c->code);
	sb_kv(b, "  ", "name", c->name);
	sb_printf(b, "  type: %s\n", cell_types[c->type]);
	sb_kv(b, "  ", "committee", c->committee);
	sb_puts(b, "  grassroots: false\n");
	sb_puts(b, "members:\n");
	for (int i = 0; i < c->nm; i++) {
		const struct member *m = &c->m[i];

		if (m->roles & 1)
			sb_puts(b, "  # Bí thư chi bộ\n");
		else if (m->roles & 2)
			sb_puts(b, "  # Phó Bí thư chi bộ\n");
		else if (i == c->recorder)
			sb_puts(
			    b, "  # Chi ủy viên; thư ký các kỳ sinh hoạt\n");
		else if (m->note) {
			char text[256];
			struct tctx tc = { first_year, 1, 1, c->locality };

			expand(&c->r, member_notes[m->note - 1], &tc, text,
			    sizeof(text));
			sb_printf(b, "  # %s\n", text);
		}
		sb_printf(b, "  - id: %s\n", m->id);
		sb_kv(b, "    ", "name", m->name);
		sb_printf(b, "    status: %s\n",
		    m->official ? "official" : "probationary");
		sb_printf(b, "    joined: %s\n", fdate(m->joined, d));
		if (m->roles & 1)
			sb_puts(b, "    roles: [secretary]\n");
		else if (m->roles & 2)
			sb_puts(b, "    roles: [deputy]\n");
		else if (m->roles & 4)
			sb_puts(b, "    roles: [committee]\n");
		if (m->exempt)
			sb_printf(b, "    exempt: {from: %s, reason: \"%s\"}\n",
			    fdate(m->exempt, d),
			    exempt_reasons[m->exempt_reason]);
		if (m->left)
			sb_printf(b, "    left: {date: %s, reason: %s}\n",
			    fdate(m->left, d), left_reasons[m->left_reason]);
	}
	xsnprintf(path, sizeof(path), "%s/cell.yaml", c->dir);
	write_file(path, b, c->crlf, c->bom);
}

static void
write_tplan(struct cell *c, int y)
{
	char path[4096], text[1024];
	struct sb *b = &buf;
	struct tctx tc = { y, 1, 1, c->locality };

	sb_reset(b);
	sb_printf(b,
	    "# Kế hoạch sinh hoạt chuyên đề năm %d, chi ủy xây dựng đầu "
	    "năm.\n",
	    y);
	sb_printf(b, "year: %d\nquarters:\n", y);
	for (int q = 1; q <= 4; q++) {
		tc.quarter = q;
		sb_printf(b, "  - quarter: %d\n", q);
		expand(&c->r,
		    topics[c->tplan_cat[q - 1]][c->tplan_topic[q - 1]], &tc,
		    text, sizeof(text));
		sb_kv(b, "    ", "topic", text);
		sb_printf(
		    b, "    category: %s\n", categories[c->tplan_cat[q - 1]]);
		sb_printf(
		    b, "    presenter: %s\n", c->m[c->tplan_pres[q - 1]].id);
	}
	xsnprintf(path, sizeof(path), "%s/plans", c->dir);
	mkdirs(path);
	xsnprintf(path, sizeof(path), "%s/plans/%d.yaml", c->dir, y);
	write_file(path, b, c->crlf, c->bom);
}

static void
write_ratings(struct cell *c, int y)
{
	char path[4096];
	struct sb *b = &buf;
	int end = days_from_civil(y, 12, 31);
	static const char *const r4[] = { "excellent", "good", "good", "good",
		"good", "done", "done" };

	sb_reset(b);
	sb_printf(b, "# Kết quả đánh giá, xếp loại chất lượng năm %d.\n", y);
	sb_printf(b, "year: %d\n", y);
	sb_printf(b, "cell: %s\n", pct(&c->r, 20) ? "excellent" : "good");
	sb_puts(b, "members:\n");
	for (int i = 0; i < c->nm; i++)
		if (expected_at(&c->m[i], end))
			sb_printf(b, "  %s: %s\n", c->m[i].id, PICK(&c->r, r4));
	xsnprintf(path, sizeof(path), "%s/ratings", c->dir);
	mkdirs(path);
	xsnprintf(path, sizeof(path), "%s/ratings/%d.yaml", c->dir, y);
	write_file(path, b, c->crlf, c->bom);
}

/* ------------------------------------------------------- generation */

static void
add_member(struct cell *c, int joined, int official)
{
	struct member *m = &c->m[c->nm];

	memset(m, 0, sizeof(*m));
	xsnprintf(m->id, sizeof(m->id), "DV%03d", c->nm + 1);
	gen_name(&c->r, c, m->name, sizeof(m->name));
	m->joined = joined;
	m->official = official;
	m->nfd = pct(&c->r, 30);
	m->note = pct(&c->r, 35) ? ri(&c->r, 1, NELEM(member_notes)) : 0;
	c->nm++;
}

static void
init_cell(struct cell *c, int idx, int office, uint64_t seed)
{
	int start = days_from_civil(first_year, 1, 1),
	    end = days_from_civil(last_year, 12, 31);
	static const int type_w[] = { 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4,
		5, 6 };

	memset(c, 0, sizeof(*c));
	rseed(&c->r, seed, (uint64_t)idx + 1);
	c->idx = idx;
	c->office = office;
	c->type = PICK(&c->r, type_w);
	c->office_place =
	    (int)(splitmix(seed ^ (uint64_t)office) % (uint64_t)NELEM(places));
	xsnprintf(c->code, sizeof(c->code), "D%02d-%04d", office + 1, idx + 1);
	const char *pl = PICK(&c->r, places);
	const char *opl = places[c->office_place];
	int n = ri(&c->r, 1, 12);

	switch (c->type) {
	case 0:
		xsnprintf(c->name, sizeof(c->name), "Chi bộ thôn %s %d", pl, n);
		xsnprintf(c->place, sizeof(c->place), "Nhà văn hóa thôn %s %d",
		    pl, n);
		break;
	case 1:
		xsnprintf(c->name, sizeof(c->name), "Chi bộ tổ dân phố số %d",
		    idx + 1);
		xsnprintf(c->place, sizeof(c->place),
		    "Nhà sinh hoạt cộng đồng tổ dân phố số %d", idx + 1);
		break;
	case 2:
		xsnprintf(c->name, sizeof(c->name), "Chi bộ cơ quan %s %s",
		    PICK(&c->r,
			((const char *const[]){ "UBND xã", "Ủy ban MTTQ xã",
			    "Văn phòng Đảng ủy xã", "Trạm Y tế xã" })),
		    opl);
		xsnprintf(c->place, sizeof(c->place), "Phòng họp cơ quan");
		break;
	case 3:
		xsnprintf(c->name, sizeof(c->name), "Chi bộ Trường %s %s",
		    PICK(&c->r,
			((const char *const[]){
			    "Mầm non", "Tiểu học", "THCS" })),
		    pl);
		xsnprintf(c->place, sizeof(c->place),
		    "Phòng họp hội đồng nhà trường");
		break;
	case 4:
		xsnprintf(c->name, sizeof(c->name), "Chi bộ %s %s",
		    PICK(&c->r,
			((const char *const[]){ "Hợp tác xã nông nghiệp",
			    "Công ty TNHH", "Công ty cổ phần" })),
		    pl);
		xsnprintf(c->place, sizeof(c->place), "Hội trường công ty");
		break;
	case 5:
		xsnprintf(
		    c->name, sizeof(c->name), "Chi bộ Quân sự xã %s", opl);
		xsnprintf(c->place, sizeof(c->place), "Ban Chỉ huy Quân sự xã");
		break;
	default:
		xsnprintf(c->name, sizeof(c->name),
		    "Chi bộ Hội người cao tuổi %s", pl);
		xsnprintf(
		    c->place, sizeof(c->place), "Hội trường UBND xã %s", opl);
		break;
	}
	xsnprintf(c->committee, sizeof(c->committee), "Đảng ủy xã %s", opl);
	if (c->type == 0)
		xsnprintf(
		    c->locality, sizeof(c->locality), "thôn %s %d", pl, n);
	else if (c->type == 1)
		xsnprintf(c->locality, sizeof(c->locality), "tổ dân phố số %d",
		    idx + 1);
	else
		xsnprintf(c->locality, sizeof(c->locality), "xã %s", opl);
	xsnprintf(c->dir, sizeof(c->dir), "%s/dang-uy-%02d/chi-bo-%04d", outdir,
	    office + 1, idx + 1);
	c->byname = pct(&c->r, 10);
	c->crlf = pct(&c->r, 4);
	c->bom = pct(&c->r, 4);
	c->morning = c->type >= 2 && c->type <= 5 ? 1 : pct(&c->r, 30);
	c->upper_guest[0] = office * 2 % 256;
	c->upper_guest[1] = (office * 2 + 1) % 256;

	/* 10 to 30 members, most cells nearer 15 */
	int a = ri(&c->r, 0, 20), b = ri(&c->r, 0, 20);
	int size = 10 + (a < b ? a : b);

	for (int i = 0; i < size; i++) {
		int old = pct(&c->r, 25);
		int joined =
		    start - ri(&c->r, old ? 9000 : 380, old ? 16000 : 9000);

		if (i == 0)
			joined = start - ri(&c->r, 3000, 12000);
		if (i > 0 && pct(&c->r, 6))
			joined = start - ri(&c->r, 30, 360);
		add_member(c, joined, joined < start - 366);
	}
	c->m[0].roles = 1;
	c->m[1].roles = 2;
	c->m[1].official = 1;
	c->m[1].joined = start - ri(&c->r, 2000, 9000);
	c->recorder = ri(&c->r, 2, 4);
	c->m[c->recorder].roles = 4;
	c->m[c->recorder].official = 1;
	c->m[c->recorder].joined = start - ri(&c->r, 1000, 6000);
	/*
	 * Leavers and exemptions, never the chair, deputy or recorder, and
	 * never so many that fewer than 10 members are expected.
	 */
	int events = 0;

	for (int i = 2; i < c->nm; i++) {
		struct member *m = &c->m[i];

		if (i == c->recorder || events >= c->nm - 10)
			continue;
		if (pct(&c->r, 8)) {
			m->left = ri(&c->r, start + 20, end - 20);
			m->left_reason = pct(&c->r, 70) ? 0 : ri(&c->r, 1, 3);
			events++;
		} else if (m->joined < start - 9000 && pct(&c->r, 25)) {
			m->exempt = ri(&c->r, start + 20, end - 20);
			m->exempt_reason = ri(&c->r, 0, 2);
			events++;
		}
	}
}

static int
mtg_cmp(const void *a, const void *b)
{
	const struct mtg *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static struct mtg year_mtg[MAXMTG];

static int
pick_start(struct cell *c, int combined)
{
	static const int morning[] = { 450, 480, 480, 810, 840, 900 };
	static const int evening[] = { 1140, 1170, 1170, 1200 };

	if (combined || c->morning)
		return PICK(&c->r, morning);
	return PICK(&c->r, evening);
}

/* The regular meeting dates of year y (0 where there is none). */
static void
regular_days(struct cell *c, int y, int *reg)
{
	for (int m = 1; m <= 12; m++) {
		int p = plant_at(c->idx, y, m);

		reg[m] = days_from_civil(y, m, ri(&c->r, 3, 7));
		if (p == P_DAY9)
			reg[m] = days_from_civil(y, m, 9);
		if (p == P_MISSING_MONTH)
			reg[m] = 0;
	}
}

static int
last_regular_before(const struct cell *c, const int *reg, int date)
{
	int best = c->last_reg_date;

	for (int m = 1; m <= 12; m++)
		if (reg[m] && reg[m] < date && reg[m] > best)
			best = reg[m];
	return best;
}

static int unexcused_year[MAXMEM];

static void
attendance(struct cell *c, struct mtg *g, const int *absences,
    const int *expect_year, int *absent_count)
{
	int exp[MAXMEM], ne = 0, cand[MAXMEM], nc = 0;

	g->np = g->na = 0;
	for (int k = 0; k < c->nm; k++)
		if (expected_at(&c->m[k], g->date))
			exp[ne++] = k;
	/* present * 100 >= 90 * expected, with room for a planted removal */
	int maxa = ne - (90 * ne + 99) / 100 - (g->plant == P_REMOVE_PRESENT);
	int a = 0;

	if (maxa > 0 && !pct(&c->r, 40))
		a = ri(&c->r, 1, maxa);
	if (g->plant == P_NO_REASON && a == 0)
		a = 1;
	for (int i = 0; i < ne; i++) {
		int k = exp[i];

		if (k == 0 || k == c->recorder || k == g->presenter ||
		    k == g->admit)
			continue;
		/* a member absent at most a quarter of the year's meetings */
		if ((absences[k] + 1) * 4 > expect_year[k])
			continue;
		cand[nc++] = k;
	}
	int isabs[MAXMEM] = { 0 };

	for (int i = 0; i < a && nc > 0; i++) {
		int j = ri(&c->r, 0, nc - 1), k = cand[j];

		cand[j] = cand[--nc];
		isabs[k] = 1;
		absent_count[k]++;
		g->ab[g->na].m = k;
		/* an unexcused absence now and then, never near the limit */
		if (!unexcused_year[k] && g->plant != P_NO_REASON &&
		    pct(&c->r, 3)) {
			g->ab[g->na].excused = 0;
			g->ab[g->na].reason = -1;
			unexcused_year[k] = 1;
		} else {
			g->ab[g->na].excused = 1;
			g->ab[g->na].reason =
			    ri(&c->r, 0, NELEM(absence_reasons) - 1);
		}
		g->na++;
	}
	for (int i = 0; i < ne; i++)
		if (!isabs[exp[i]])
			g->pres[g->np++] = exp[i];
}

static void
gen_year(struct cell *c, int y)
{
	int reg[13], n = 0, ystart = days_from_civil(y, 1, 1),
		     yend = days_from_civil(y, 12, 31);
	int period_start = days_from_civil(first_year, 1, 1);
	struct mtg *M = year_mtg;

	regular_days(c, y, reg);

	/* The year's thematic plan: presenters there all year. */
	for (int q = 0; q < 4; q++) {
		int cands[MAXMEM], nc = 0;

		for (int k = 0; k < c->nm; k++)
			if (expected_all(&c->m[k], ystart, yend))
				cands[nc++] = k;
		int dupt;

		do {
			c->tplan_cat[q] = ri(&c->r, 0, 6);
			if (q == 0 && pct(&c->r, 40))
				c->tplan_cat[q] = 6;
			c->tplan_topic[q] = ri(&c->r, 0, 3);
			dupt = 0;
			for (int b = 0; b < q; b++)
				dupt |= c->tplan_cat[b] == c->tplan_cat[q] &&
				    c->tplan_topic[b] == c->tplan_topic[q];
		} while (dupt);
		c->tplan_pres[q] = cands[ri(&c->r, 0, nc - 1)];
	}

	/* An admission at a regular meeting now and then. */
	int admit_month = 0;

	if (c->nm < MAXMEM - 4 && pct(&c->r, 35)) {
		admit_month = ri(&c->r, 1, 12);
		if (!reg[admit_month] || plant_at(c->idx, y, admit_month))
			admit_month = 0;
	}

	/* Regular meetings. */
	for (int m = 1; m <= 12; m++) {
		struct mtg *g;
		int p = plant_at(c->idx, y, m);

		if (!reg[m])
			continue;
		g = &M[n++];
		memset(g, 0, sizeof(*g));
		g->kind = K_REG;
		g->date = reg[m];
		g->admit = -1;
		g->presenter = -1;
		g->plant = p == P_MISSING_MONTH || p == P_THEMATIC_MISSING ||
			p == P_NOT_ANNOUNCED || p == P_OFF_PLAN ||
			p == P_UPPER_ABSENT
		    ? P_NONE
		    : p;
		g->start = pick_start(c, 0);
		g->end = g->start + 5 * ri(&c->r, 18, 30);
		if (g->plant == P_TOO_SHORT)
			g->end = g->start + 60;
		g->papers = g->date - ri(&c->r, 1, 3);
		if (g->plant == P_PAPERS_LATE)
			g->papers = g->date;
		if (m == admit_month) {
			add_member(c, g->date, 0);
			g->admit = c->nm - 1;
		}
		if (pct(&c->r, 2) &&
		    g->date + 12 <= days_from_civil(last_year, 12, 31))
			g->amend = g->date + ri(&c->r, 2, 12);
	}

	/* Thematic meetings, one a quarter. */
	for (int q = 1; q <= 4; q++) {
		int tm = 3 * q - 2 + ri(&c->r, 0, 2);
		struct mtg *g, *r = NULL;

		if (plant_quarter(c->idx, y, q, P_THEMATIC_MISSING))
			continue;
		for (int i = 0; i < n; i++)
			if (M[i].kind == K_REG && month_of(M[i].date) == tm)
				r = &M[i];
		g = &M[n++];
		memset(g, 0, sizeof(*g));
		g->kind = K_THEM;
		g->admit = -1;
		g->quarter = q;
		g->category = c->tplan_cat[q - 1];
		g->topic = c->tplan_topic[q - 1];
		g->presenter = c->tplan_pres[q - 1];
		if (plant_quarter(c->idx, y, q, P_NOT_ANNOUNCED))
			g->plant = P_NOT_ANNOUNCED;
		if (plant_quarter(c->idx, y, q, P_OFF_PLAN))
			g->plant = P_OFF_PLAN;
		/* combined with the regular meeting of its month? */
		if (r != NULL && r->plant != P_TOO_SHORT && r->admit < 0 &&
		    r->plant != P_PAPERS_LATE && r->plant != P_REMOVE_PRESENT &&
		    r->plant != P_DUP_PRESENT && r->plant != P_NO_REASON &&
		    r->date > period_start + 40 && pct(&c->r, 50)) {
			g->combined = 1;
			g->date = r->date;
			r->start = pick_start(c, 1);
			r->end = r->start + 5 * ri(&c->r, 18, 30);
			g->start = r->end + 5 * ri(&c->r, 0, 4);
			g->end = g->start + 5 * ri(&c->r, 12, 24);
			g->papers = r->papers;
			xsnprintf(g->suffix, sizeof(g->suffix), "-chuyen-de");
		} else {
			g->date = days_from_civil(y, tm, ri(&c->r, 10, 26));
			g->start = pick_start(c, 0);
			g->end = g->start + 5 * ri(&c->r, 12, 24);
			g->papers = g->date - ri(&c->r, 1, 3);
		}
		g->announced = last_regular_before(c, reg, g->date);
		if (pct(&c->r, 85) &&
		    g->date + 10 <= days_from_civil(last_year, 12, 31))
			g->reported = g->date + ri(&c->r, 3, 10);
	}

	/* An extraordinary meeting, some years. */
	if (pct(&c->r, 25)) {
		int em = ri(&c->r, 1, 12), day = ri(&c->r, 10, 27);
		int clash = 0;
		struct mtg *g;

		for (int i = 0; i < n; i++)
			clash |= M[i].date == days_from_civil(y, em, day);
		if (!clash) {
			g = &M[n++];
			memset(g, 0, sizeof(*g));
			g->kind = K_EXTRA;
			g->admit = -1;
			g->presenter = -1;
			g->date = days_from_civil(y, em, day);
			g->start = pick_start(c, 0);
			g->end = g->start + 5 * ri(&c->r, 12, 24);
			if (pct(&c->r, 60))
				g->papers = g->date - 1;
		}
	}
	qsort(M, (size_t)n, sizeof(*M), mtg_cmp);

	/* Who is expected when, over the year. */
	int expect_year[MAXMEM] = { 0 }, absences[MAXMEM] = { 0 };

	for (int i = 0; i < n; i++)
		for (int k = 0; k < c->nm; k++)
			expect_year[k] += expected_at(&c->m[k], M[i].date);

	/* Attendance; a combined thematic meeting shares its regular's. */
	memset(unexcused_year, 0, sizeof(unexcused_year));
	for (int i = 0; i < n; i++) {
		struct mtg *g = &M[i];

		if (g->kind == K_THEM && g->combined) {
			struct mtg *r = NULL;

			for (int j = 0; j < i; j++)
				if (M[j].kind == K_REG && M[j].date == g->date)
					r = &M[j];
			/* the presenter must be there */
			int ok = 1;

			for (int j = 0; j < r->na; j++)
				ok &= r->ab[j].m != g->presenter;
			if (ok) {
				g->np = r->np;
				g->na = r->na;
				memcpy(g->pres, r->pres, sizeof(g->pres));
				memcpy(g->ab, r->ab, sizeof(g->ab));
				for (int j = 0; j < r->na; j++)
					absences[r->ab[j].m]++;
				continue;
			}
		}
		attendance(c, g, absences, expect_year, absences);
		if (g->plant == P_REMOVE_PRESENT) {
			/* a present member left out of 'present' */
			for (int j = g->np - 1; j > 0; j--) {
				int k = g->pres[j];

				if (k == 0 || k == c->recorder ||
				    k == g->admit || k == g->presenter)
					continue;
				g->plant_x = k;
				memmove(&g->pres[j], &g->pres[j + 1],
				    (size_t)(g->np - j - 1) * sizeof(int));
				g->np--;
				break;
			}
		}
	}

	/* Upper-committee guests: never three months in a row without. */
	for (int m = 1; m <= 12; m++) {
		struct mtg *r = NULL;
		int p = plant_at(c->idx, y, m);
		int next_missing = m < 12
		    ? reg[m + 1] == 0
		    : plant_at(c->idx, y + 1, 1) == P_MISSING_MONTH;
		int force_yes = plant_at(c->idx, y, m + 1) == P_UPPER_ABSENT ||
		    (m >= 4 && plant_at(c->idx, y, m - 3) == P_UPPER_ABSENT);
		int force_no = p == P_UPPER_ABSENT ||
		    (m >= 2 && plant_at(c->idx, y, m - 1) == P_UPPER_ABSENT) ||
		    (m >= 3 && plant_at(c->idx, y, m - 2) == P_UPPER_ABSENT);
		int up;

		for (int i = 0; i < n; i++)
			if (M[i].kind == K_REG && month_of(M[i].date) == m)
				r = &M[i];
		if (r == NULL) {
			c->upper_gap++;
			continue;
		}
		if (force_no)
			up = 0;
		else if (force_yes || c->upper_gap >= 2 || next_missing)
			up = 1;
		else
			up = pct(&c->r, 35);
		r->upper = up;
		for (int i = 0; i < n; i++)
			if (M[i].kind == K_THEM && M[i].combined &&
			    M[i].date == r->date)
				M[i].upper = up;
		c->upper_gap = up ? 0 : c->upper_gap + 1;
		if (c->upper_gap >= 3)
			c->upper_gap = 0; /* cb starts counting anew */
	}
	for (int i = 0; i < n; i++)
		M[i].guest_other = M[i].kind != K_THEM && pct(&c->r, 4);

	/* Resolutions and reviews, in order. */
	for (int i = 0; i < n; i++) {
		struct mtg *g = &M[i];

		if (g->kind == K_THEM)
			continue;
		if (g->kind == K_REG) {
			g->prev_date = c->last_reg_date;
			g->prev_nres = c->last_reg_nres;
			g->nres = 1 + ri(&c->r, 0, 2);
			g->nres += pct(&c->r, 10);
			if (plant_at(c->idx, y, month_of(g->date) + 1) ==
			    P_REVIEW_MISSING)
				g->nres = g->nres < 2 ? 2 : g->nres;
		} else {
			g->nres = ri(&c->r, 1, 2);
		}
		for (int j = 0; j < g->nres; j++) {
			struct reso *rs = &g->res[j];

			rs->deadline = g->date + ri(&c->r, 7, 45);
			if (j == 0 && g->plant == P_DEADLINE_BEFORE)
				rs->deadline = g->date - ri(&c->r, 1, 5);
			int dupc;

			do {
				rs->content =
				    ri(&c->r, 0, NELEM(res_content) - 1);
				dupc = 0;
				for (int b = 0; b < j; b++)
					dupc |=
					    g->res[b].content == rs->content;
			} while (dupc);
			rs->measure = ri(&c->r, 0, NELEM(res_measures) - 1);
			rs->nas = ri(&c->r, 1, 3);
			for (int a = 0; a < rs->nas; a++) {
				int k;
				int dup;

				do {
					k = g->pres[ri(&c->r, 0, g->np - 1)];
					dup = 0;
					for (int b = 0; b < a; b++)
						dup |= rs->as[b] == k;
				} while (dup && g->np > rs->nas);
				rs->as[a] = k;
			}
		}
		if (g->kind == K_REG) {
			c->last_reg_date = g->date;
			c->last_reg_nres = g->nres;
		}
	}

	/*
	 * Contributions: each member speaks at least as often as cb's rule
	 * asks (6 a year, pro rata over the meetings expected at), picking
	 * the most pressed first so that nobody runs out of meetings.
	 */
	int owed[MAXMEM], need[MAXMEM], left_pres[MAXMEM] = { 0 };

	for (int k = 0; k < c->nm; k++) {
		owed[k] = n ? (6 * expect_year[k] * 2 + n) / (2 * n) : 0;
		need[k] = owed[k] + (pct(&c->r, 15) ? 1 : 0);
	}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < M[i].np; j++)
			left_pres[M[i].pres[j]]++;
	for (int k = 0; k < c->nm; k++)
		if (need[k] > left_pres[k])
			need[k] = left_pres[k];
	for (int i = 0; i < n; i++) {
		struct mtg *g = &M[i];
		int slots, chosen[MAXMEM] = { 0 }, order[MAXMEM];

		slots = g->kind == K_REG ? (g->np + 2) / 3 + ri(&c->r, 0, 1)
		    : g->kind == K_THEM	 ? ri(&c->r, 5, 9)
					 : ri(&c->r, 3, 6);
		for (int j = 0; j < g->np; j++)
			left_pres[g->pres[j]]--;
		/* forced: those who would otherwise fall short */
		for (int j = 0; j < g->np; j++) {
			int k = g->pres[j];

			if (need[k] > left_pres[k]) {
				chosen[k] = 1;
				g->contrib[g->nc++] = k;
			}
		}
		/* then the most pressed, then anyone present */
		for (int j = 0; j < g->np; j++)
			order[j] = g->pres[j];
		for (int j = g->np - 1; j > 0; j--) {
			int s = ri(&c->r, 0, j), t = order[j];

			order[j] = order[s];
			order[s] = t;
		}
		for (int pass = 0; pass < 2; pass++)
			for (int j = 0; j < g->np && g->nc < slots; j++) {
				int k = order[j];

				if (chosen[k] || (pass == 0 && need[k] <= 0))
					continue;
				chosen[k] = 1;
				g->contrib[g->nc++] = k;
			}
		for (int j = 0; j < g->nc; j++)
			need[g->contrib[j]]--;
		/* shuffle the speaking order */
		for (int j = g->nc - 1; j > 0; j--) {
			int s = ri(&c->r, 0, j), t = g->contrib[j];

			g->contrib[j] = g->contrib[s];
			g->contrib[s] = t;
		}
	}
	for (int k = 0; k < c->nm; k++) {
		int spoke = 0;

		for (int i = 0; i < n; i++)
			for (int j = 0; j < M[i].nc; j++)
				spoke += M[i].contrib[j] == k;
		if (expect_year[k] > 0 && spoke < owed[k]) {
			fprintf(stderr,
			    "cb-gen: internal error: %s of %s speaks %d < %d "
			    "in "
			    "%d\n",
			    c->m[k].id, c->dir, spoke, owed[k], y);
			exit(3);
		}
	}

	/* Votes: official members present, some abstaining. */
	for (int i = 0; i < n; i++) {
		struct mtg *g = &M[i];
		int official = 0;

		if (g->kind == K_THEM)
			continue;
		for (int j = 0; j < g->np; j++)
			official += c->m[g->pres[j]].official;
		g->vagainst = 0;
		g->vabstain = pct(&c->r, 10) && official > 2;
		g->vfor = official - g->vabstain - (pct(&c->r, 10) ? 1 : 0);
		if (g->vfor < 0)
			g->vfor = 0;
		if (g->plant == P_VOTE_COUNT)
			g->vfor = official - g->vabstain + 1;
	}

	/* Thematic plan, meetings, ratings. */
	write_tplan(c, y);
	for (int i = 0; i < n; i++)
		write_meeting(c, &M[i]);
	write_ratings(c, y);
}

static void
write_plan(void)
{
	char path[4096];
	struct sb *b = &buf;

	sb_reset(b);
	sb_puts(b,
	    "# Kế hoạch nâng cao chất lượng sinh hoạt chi bộ (dữ liệu sinh "
	    "tự động\n"
	    "# cho bộ đo hiệu năng của cb; theo Kế hoạch 176-KH/HU, Chỉ thị "
	    "50-CT/TW).\n");
	sb_puts(b,
	    "name: Kế hoạch sinh hoạt chi bộ – dữ liệu đo hiệu năng\n"
	    "regular:\n"
	    "  days: {from: 3, to: 7}\n"
	    "thematic:\n"
	    "  per_quarter: 1\n"
	    "  announce: true\n"
	    "attendance:\n"
	    "  target: 90\n"
	    "  unexcused_limit: 3\n"
	    "contributions:\n"
	    "  per_year: 6\n"
	    "agenda:\n"
	    "  required: [tw4, anticorruption]\n"
	    "upper:\n"
	    "  every_months: 3\n"
	    "duration:\n"
	    "  regular: 90\n"
	    "  combined: 120\n"
	    "papers:\n"
	    "  days_before: 1\n");
	xsnprintf(path, sizeof(path), "%s/plan.yaml", outdir);
	write_file(path, b, 0, 0);
}

/* --------------------------------------------------------- placement */

static int
plant_ok(int cell, int y, int m, int kind)
{
	int idx = (y - first_year) * 12 + m - 1;

	if (idx < 1)
		return 0; /* the first month starts the checked period */
	if (kind == P_UPPER_ABSENT && (m < 2 || m > 9))
		return 0;
	/* one plant a quarter at most, and a quiet month on each side */
	for (int i = 0; i < nplants; i++) {
		if (plants[i].cell != cell)
			continue;
		int j =
		    (plants[i].year - first_year) * 12 + plants[i].month - 1;

		if (plants[i].year == y &&
		    (plants[i].month + 2) / 3 == (m + 2) / 3)
			return 0;
		if (j - idx < 4 && idx - j < 4)
			return 0;
	}
	return 1;
}

static void
place_plants(int k, int ncells, uint64_t seed)
{
	struct rng r;
	static const int order[] = { P_REMOVE_PRESENT, P_DAY9, P_BLANK_DEADLINE,
		P_REVIEW_MISSING, P_UNKNOWN_MEMBER, P_MISSING_MONTH,
		P_VOTE_COUNT, P_THEMATIC_MISSING, P_NOT_ANNOUNCED,
		P_PAPERS_LATE, P_TOO_SHORT, P_AGENDA_MISSING, P_NO_REASON,
		P_DUP_PRESENT, P_UNKNOWN_RES, P_DEADLINE_BEFORE, P_NOT_APPROVED,
		P_OFF_PLAN, P_UPPER_ABSENT };

	rseed(&r, seed, 0xB1A57ull);
	for (int i = 0; i < k; i++) {
		int kind = order[i % NELEM(order)], placed = 0;

		int nmonths = 12 * (last_year - first_year + 1);
		int *cand = xrealloc(NULL, (size_t)nmonths * sizeof(int));

		for (int t = 0; t < ncells && !placed; t++) {
			int cell = (i + t) % ncells;

			for (int j = 0; j < nmonths; j++)
				cand[j] = j;
			for (int j = nmonths - 1; j > 0; j--) {
				int s = ri(&r, 0, j), x = cand[j];

				cand[j] = cand[s];
				cand[s] = x;
			}
			for (int j = 0; j < nmonths && !placed; j++) {
				int y = first_year + cand[j] / 12,
				    m = cand[j] % 12 + 1;

				if (!plant_ok(cell, y, m, kind))
					continue;
				plants[nplants].cell = cell;
				plants[nplants].year = y;
				plants[nplants].month = m;
				plants[nplants].kind = kind;
				nplants++;
				placed = 1;
			}
		}
		free(cand);
		if (!placed) {
			fprintf(stderr,
			    "cb-gen: no room for %d plants in %d cells of %d "
			    "years\n",
			    k, ncells, last_year - first_year + 1);
			exit(2);
		}
	}
}

/* The findings that name cell.yaml, line 1. */
static void
record_cell_plants(const struct cell *c)
{
	char path[4096];

	xsnprintf(path, sizeof(path), "%s/cell.yaml", c->dir);
	for (int i = 0; i < nplants; i++)
		if (plants[i].cell == c->idx &&
		    (plants[i].kind == P_MISSING_MONTH ||
			plants[i].kind == P_THEMATIC_MISSING ||
			plants[i].kind == P_UPPER_ABSENT))
			record(path, 1, plants[i].kind);
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: cb-gen --cells N --years Y --seed S "
	    "[--plant K] OUTDIR\n");
	exit(2);
}

static long
num(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 0)
		usage();
	return v;
}

int
main(int argc, char **argv)
{
	long ncells = -1, years = -1, k = 0;
	uint64_t seed = 0;
	int have_seed = 0;
	const char *dir = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--cells") == 0 && i + 1 < argc)
			ncells = num(argv[++i]);
		else if (strcmp(argv[i], "--years") == 0 && i + 1 < argc)
			years = num(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			char *end;

			seed = strtoull(argv[++i], &end, 10);
			if (*end)
				usage();
			have_seed = 1;
		} else if (strcmp(argv[i], "--plant") == 0 && i + 1 < argc)
			k = num(argv[++i]);
		else if (argv[i][0] == '-' || dir != NULL)
			usage();
		else
			dir = argv[i];
	}
	if (ncells < 1 || years < 1 || years > 60 || !have_seed || !dir ||
	    k > MAXPLANT || ncells > 99999)
		usage();
	xsnprintf(outdir, sizeof(outdir), "%s", dir);
	while (strlen(outdir) > 1 && outdir[strlen(outdir) - 1] == '/')
		outdir[strlen(outdir) - 1] = '\0';
	first_year = LAST_YEAR - (int)years + 1;
	last_year = LAST_YEAR;
	mkdirs(outdir);

	int offices = (int)((ncells + 24) / 25);

	for (int i = 0; i < 256; i++) {
		struct rng r;
		struct cell tmp;

		rseed(&r, seed, 0xFACE0000ull + (uint64_t)i);
		tmp.nm = 0;
		tmp.r = r;
		gen_name(&tmp.r, &tmp, upper_names[i], sizeof(upper_names[i]));
	}
	place_plants((int)k, (int)ncells, seed);
	if (k > 0) {
		char path[4096];

		xsnprintf(
		    path, sizeof(path), "%s/expected-findings.txt", outdir);
		expected = fopen(path, "w");
		if (expected == NULL) {
			fprintf(
			    stderr, "cb-gen: %s: %s\n", path, strerror(errno));
			return 2;
		}
	}
	write_plan();

	static struct cell c;

	for (long i = 0; i < ncells; i++) {
		init_cell(&c, (int)i, (int)(i * offices / ncells), seed);
		mkdirs(c.dir);
		c.last_reg_date = 0;
		c.last_reg_nres = 0;
		c.upper_gap = 0;
		for (int y = first_year; y <= last_year; y++)
			gen_year(&c, y);
		write_cell_yaml(&c);
		record_cell_plants(&c);
	}
	if (expected != NULL && fclose(expected) != 0) {
		perror("cb-gen: expected-findings.txt");
		return 2;
	}
	fprintf(stderr, "cb-gen: %llu files, %llu bytes in %s\n", total_files,
	    total_bytes, outdir);
	free(buf.p);
	return 0;
}
