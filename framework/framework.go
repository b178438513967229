package framework

import (
	"cmp"
	"context"
	_ "embed"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// Demo is the illustrative learning-city framework loaded on first start.
//
//go:embed demo-learning-city.yaml
var Demo []byte

// Parsed is a framework read from a file, ready to import.
type Parsed struct {
	Framework  catalog.Framework
	Indicators []catalog.Indicator // parents before children
}

// row is one indicator as read, with where it came from for error messages.
type row struct {
	where catalog.Words // 第 5 行 (row 5), or a YAML path
	ind   catalog.Indicator
	// parent is the code of the enclosing node in a nested file, or "" for
	// flat tables, where the parent comes from the code.
	parent string
	nested bool
}

// Parse reads a framework file; the format comes from the file name's
// extension (.yaml/.yml, .xlsx, .csv). For tables, which carry no framework
// name, the name and version come from meta (empty fields default to the
// file name and "1"). A table saved as .xls or .et is read only through
// Service.Import, which reads it out of this process.
func Parse(filename string, data []byte, meta catalog.Framework) (*Parsed, error) {
	return parse(context.Background(), filename, data, meta, nil)
}

// parse is Parse with the reader of .xls and .et tables (nil refuses
// them).
func parse(ctx context.Context, filename string, data []byte, meta catalog.Framework, xls spreadsheet.XLSReader) (*Parsed, error) {
	var (
		p    *Parsed
		rows []row
		err  error
	)
	switch ext := strings.ToLower(filepath.Ext(filename)); ext {
	case ".yaml", ".yml":
		p, rows, err = parseYAML(data)
	case ".xlsx", ".xls", ".et":
		rows, err = parseWorkbook(ctx, data, xls)
		p = &Parsed{}
	case ".csv":
		rows, err = parseCSV(data)
		p = &Parsed{}
	default:
		return nil, catalog.Errorf(catalog.EINVALID, "不支持的指标体系文件格式 %q；请使用 .yaml、.xlsx、.xls、.et 或 .csv", ext)
	}
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(filename), filepath.Ext(filename))
	fillMeta(&p.Framework, meta, base)
	if p.Indicators, err = validate(rows); err != nil {
		return nil, err
	}
	return p, nil
}

func fillMeta(fw *catalog.Framework, meta catalog.Framework, base string) {
	for _, f := range []struct {
		dst           *string
		override, def string
	}{
		{&fw.ID, meta.ID, base}, {&fw.Name, meta.Name, base}, {&fw.NameEN, meta.NameEN, ""}, {&fw.Version, meta.Version, "1"},
	} {
		if f.override != "" {
			*f.dst = f.override
		}
		if *f.dst == "" {
			*f.dst = f.def
		}
	}
}

var codePattern = regexp.MustCompile(`^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$`)

// parseKind accepts the English names and the Chinese 定性/定量.
func parseKind(s string) (catalog.Kind, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", true
	case "qualitative", "定性", "定性指标":
		return catalog.Qualitative, true
	case "quantitative", "定量", "定量指标":
		return catalog.Quantitative, true
	}
	return "", false
}

// validate checks every row and returns the indicators, or one EINVALID
// error listing every bad row.
func validate(rows []row) ([]catalog.Indicator, error) {
	// Problems are listed in the file's order, a row's own in the order
	// they are found, whichever check found them.
	type problem struct {
		at  int
		msg catalog.Words
	}
	var found []problem
	at := 0
	bad := func(r row, format string, args ...any) {
		what := catalog.MessageWords(catalog.Errorf(catalog.EINVALID, format, args...))
		where := catalog.Errorf(catalog.EINVALID, "%s（编码 %q）：%s", r.where, r.ind.Code, what)
		found = append(found, problem{at, catalog.MessageWords(where)})
	}
	seen := map[string]bool{}
	for i, r := range rows {
		if r.ind.Code != "" {
			if seen[r.ind.Code] {
				at = i
				bad(r, "编码重复")
			}
			seen[r.ind.Code] = true
		}
	}
	out := make([]catalog.Indicator, 0, len(rows))
	for i, r := range rows {
		at = i
		// Names are stored as a round's correction stores them (invisible
		// characters dropped, spaces trimmed): a kept name copied from
		// the framework then compares with the one its page shows.
		r.ind.Name = strings.TrimSpace(catalog.DropInvisible(r.ind.Name))
		r.ind.NameEN = strings.TrimSpace(catalog.DropInvisible(r.ind.NameEN))
		ind := r.ind
		if !codePattern.MatchString(ind.Code) {
			bad(r, "编码应为以点分隔的数字，如 2.3.1")
			continue
		}
		ind.Level = strings.Count(ind.Code, ".") + 1
		if i := strings.LastIndex(ind.Code, "."); i >= 0 {
			ind.ParentCode = ind.Code[:i]
		}
		switch {
		case ind.Level > catalog.KeyLevel:
			bad(r, "指标体系最多三级，此编码为 %d 级", ind.Level)
		case r.nested && r.parent != ind.ParentCode:
			bad(r, "编码与所在的上级 %q 不符", r.parent)
		case ind.ParentCode != "" && !seen[ind.ParentCode]:
			bad(r, "缺少上级指标 %s", ind.ParentCode)
		}
		if ind.Name == "" {
			bad(r, "缺少指标名称")
		}
		tooLong(r, bad)
		kind, ok := parseKind(string(ind.Kind))
		switch {
		case !ok:
			bad(r, "未知的指标类型 %q（应为 qualitative/定性 或 quantitative/定量）", ind.Kind)
		case ind.Level == catalog.KeyLevel && kind == "":
			bad(r, "关键指标（三级）必须注明类型：定性或定量")
		case ind.Level < catalog.KeyLevel && kind != "":
			bad(r, "只有关键指标（三级）有类型，%d 级指标不应填写", ind.Level)
		}
		ind.Kind = kind
		out = append(out, ind)
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].at < found[j].at })
	var chinese, english []string
	for _, p := range found {
		chinese = append(chinese, p.msg.Chinese)
		english = append(english, cmp.Or(p.msg.English, p.msg.Chinese))
	}
	if len(rows) == 0 {
		none := catalog.MessageWords(catalog.Errorf(catalog.EINVALID, "文件中没有任何指标"))
		chinese, english = append(chinese, none.Chinese), append(english, none.English)
	}
	if len(chinese) > 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "指标体系有 %d 处错误，未导入任何内容：\n%s", len(chinese),
			catalog.Words{Chinese: strings.Join(chinese, "\n"), English: strings.Join(english, "\n")})
	}
	return sortParentsFirst(out), nil
}

// tooLong reports (bad) a row whose Chinese or English name is longer
// than a round's kept name may be corrected to (catalog.MaxIndicatorName),
// in the words the correction uses.
func tooLong(r row, bad func(r row, format string, args ...any)) {
	if n := utf8.RuneCountInString(r.ind.Name); n > catalog.MaxIndicatorName {
		bad(r, "指标名称太长（%d 个字符）；最多 %d 个字符", n, catalog.MaxIndicatorName)
	}
	if n := utf8.RuneCountInString(r.ind.NameEN); n > catalog.MaxIndicatorName {
		bad(r, "英文名称太长（%d 个字符）；最多 %d 个字符", n, catalog.MaxIndicatorName)
	}
}

// sortParentsFirst orders a table so that a parent always precedes its
// children, and siblings go by their codes as numbers (1.1.2 before
// 1.1.10, whatever order a spreadsheet sorted them in).
func sortParentsFirst(inds []catalog.Indicator) []catalog.Indicator {
	children := map[string][]catalog.Indicator{}
	var roots []catalog.Indicator
	for _, ind := range inds {
		if ind.ParentCode == "" {
			roots = append(roots, ind)
		} else {
			children[ind.ParentCode] = append(children[ind.ParentCode], ind)
		}
	}
	out := make([]catalog.Indicator, 0, len(inds))
	var walk func([]catalog.Indicator)
	walk = func(level []catalog.Indicator) {
		slices.SortStableFunc(level, func(a, b catalog.Indicator) int { return catalog.CompareCodes(a.Code, b.Code) })
		for _, ind := range level {
			out = append(out, ind)
			walk(children[ind.Code])
		}
	}
	walk(roots)
	return out
}

// splitKeywords reads a keyword cell: separated by commas, 、, ；, ; or spaces.
func splitKeywords(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || r == ';' || r == '；' || r == ' ' || r == '\t' || r == '\n'
	})
	return f
}
