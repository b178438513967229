package web

import "github.com/lcmonitor/evidence/catalog"

// The words of saved searches, query packs (检索方案) and the export of
// results, kept apart from i18n.go so that they merge cleanly; they join
// messages at start-up, with full-width punctuation as the rest.
func init() {
	for k, m := range savedMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}

var savedMessages = map[string]map[Lang]string{
	"nav.saved":       {Chinese: "我的检索", English: "My searches"},
	"saved.title":     {Chinese: "我的检索", English: "My saved searches"},
	"saved.save":      {Chinese: "保存检索", English: "Save search"},
	"saved.name":      {Chinese: "名称", English: "Name"},
	"saved.pack":      {Chinese: "加入指标检索方案", English: "Add to an indicator's query pack"},
	"saved.pack.none": {Chinese: "不加入（仅自己可见）", English: "No (only you see it)"},
	"saved.done":      {Chinese: "检索已保存；有新材料入库时，“我的检索”会显示新增条数", English: "Search saved; My searches shows new matches as documents arrive"},
	"saved.deleted":   {Chinese: "已删除这条保存的检索", English: "Saved search deleted"},
	"saved.opened":    {Chinese: "保存的检索：", English: "Saved search: "},
	"saved.new":       {Chinese: "自上次查看以来新增 %d 条", English: "%d new since you last looked"},
	"saved.new.more":  {Chinese: "自上次查看以来新增 %d 条以上", English: "over %d new since you last looked"},
	"saved.empty":     {Chinese: "还没有保存的检索。在检索页输入检索词后，点“保存检索”。", English: "No saved searches yet. Search, then press Save search."},
	// saved.new_hit badges, on the page a saved search opens on, a hit
	// indexed since the look before (savedBlock.New); saved.opened_new
	// says how many after the search's name.
	"saved.new_hit":      {Chinese: "新", English: "New"},
	"saved.opened_new":   {Chinese: "（%d 条为上次查看以来新增，标有“新”）", English: " (%d new since your last look, marked New)"},
	"saved.new.col":      {Chinese: "新增", English: "New"},
	"saved.open":         {Chinese: "打开", English: "Open"},
	"saved.delete":       {Chinese: "删除", English: "Delete"},
	"saved.query":        {Chinese: "检索词", English: "Terms"},
	"saved.filters":      {Chinese: "筛选", English: "Filters"},
	"saved.owner":        {Chinese: "保存者", English: "Saved by"},
	"saved.in_pack":      {Chinese: "检索方案：", English: "Query pack: "},
	"saved.private":      {Chinese: "仅自己可见", English: "Only you"},
	"saved.substring":    {Chinese: "按字串匹配", English: "matched as strings of characters"},
	"saved.pack.title":   {Chinese: "检索方案", English: "Query pack"},
	"saved.pack.intro":   {Chinese: "专家查找本指标佐证材料所用的检索；新材料入库后按各人上次查看的时间重新计数，打开一条即记为已查看。", English: "The searches experts use to find this indicator's evidence; new documents are counted since each person last opened a search."},
	"saved.pack.empty":   {Chinese: "本指标还没有检索方案。专家和管理员可在检索页保存检索时选择“加入指标检索方案”。", English: "No query pack yet. Experts and admins add searches from the search page."},
	"saved.pack.total":   {Chinese: "自上次查看以来共新增 %d 篇", English: "%d new documents across the pack since you last looked"},
	"search.export":      {Chinese: "导出 XLSX", English: "Export XLSX"},
	"search.export.hint": {Chinese: "每行一个命中段落，最多 5000 行", English: "One row per passage, at most 5,000 rows"},
}
