package web

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/accounts"
	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/httperr"
)

type adminPage struct {
	Users  []catalog.User
	Cities []catalog.City
	Rounds []catalog.Round
	// RoundOffers says, for each round not current, what its 设为当前轮次
	// offers to do as well: what the round has not had yet.
	RoundOffers map[int]roundOffer
	Events      []catalog.Event
	Framework   *catalog.Framework
	Readers     []extract.Reader
	Reread      *rereadSection // newer readers' count and the latest run
	Roles       []string
	Notice      string
	// Forms holds the form that came back with errors ("user", "city",
	// "round", "framework"): what was typed into it and its errors.
	Forms map[string]formState
	// CityNames are the cities' names by code.
	CityNames map[string]string
	// DepartmentChoices are the departments each coordinator or
	// contributor may be moved to, by username (departmentChoices).
	DepartmentChoices map[string][]option
	// EventRows are the Events in words.
	EventRows []eventRow
	// OlderEvents and NewerEvents are the links to the audit log's pages
	// beside this one, when there are such pages.
	OlderEvents, NewerEvents string
	// EventsBy and EventsAction are the audit log's filters as chosen
	// (用户, 操作: GET /api/v1/events' user and action), ActionChoices the
	// 操作 filter's options, EventsAbout the 对象 filter (a kind and what
	// was typed: eventObjectFilter).
	EventsBy, EventsAction string
	ActionChoices          []option
	EventsAbout            objectFilter
	// Tokens are every account's API tokens still valid.
	Tokens []catalog.Token
}

func (h *handler) requireAdmin(w http.ResponseWriter, r *http.Request) bool {
	if sessionFrom(r).User.Role != catalog.RoleAdmin {
		h.fail(w, r, catalog.Errorf(catalog.EFORBIDDEN, "只有管理员可以使用管理页面"))
		return false
	}
	return true
}

func (h *handler) adminPage(w http.ResponseWriter, r *http.Request) {
	if !h.requireAdmin(w, r) {
		return
	}
	h.renderAdmin(w, r, http.StatusOK, "", "", formState{})
}

// renderAdmin shows the admin page with a message; a new user's first
// password is shown this way, never put in a URL.
func (h *handler) renderAdmin(w http.ResponseWriter, r *http.Request, status int, notice, form string, st formState) {
	p := &adminPage{Roles: []string{"coordinator", "contributor", "expert", "reviewer", "admin"}}
	admin := sessionFrom(r).User
	var err error
	if p.Users, err = h.Accounts.List(r.Context(), admin); err == nil {
		if p.Cities, err = h.Framework.Cities(r.Context()); err == nil {
			if p.Rounds, err = h.Framework.Rounds(r.Context()); err == nil {
				if p.RoundOffers, err = h.roundOffers(r, p.Rounds); err == nil {
					err = h.eventsPage(r, p)
				}
			}
		}
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if fw, _, err := h.Framework.Current(r.Context()); err == nil {
		p.Framework = fw
	}
	if p.Tokens, err = h.Accounts.EveryToken(r.Context(), admin); err != nil {
		h.fail(w, r, err)
		return
	}
	p.Readers = h.Ingest.Readers(r.Context())
	if p.Reread, err = h.rereadSection(r); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.DepartmentChoices, err = h.departmentChoices(r, p.Users); err != nil {
		h.fail(w, r, err)
		return
	}
	p.CityNames = map[string]string{}
	for _, c := range p.Cities {
		p.CityNames[c.Code] = cityLabel(langOf(r), c)
	}
	p.EventRows = h.eventRows(r.Context(), langOf(r), admin, p.Events, p.CityNames)
	p.Notice, p.Forms = notice, map[string]formState{form: st}
	h.render(w, r, status, "admin", tr(langOf(r), "admin.title"), p)
}

// adminFormFields are the admin page's forms' fields, by form.
var adminFormFields = map[string][]string{
	"user":      {"username", "role", "city", "department", "cities"},
	"city":      {"code", "name"},
	"round":     {"year", "label", "current", "carry"},
	"framework": {"name", "version", "file", "next_round"},
	"users":     {},
}

// roundAdded says which round was added.
func roundAdded(l Lang, rd catalog.Round) string {
	msg := fmt.Sprintf(tr(l, "admin.round_added"), rd.Year)
	if rd.Current {
		msg += tr(l, "admin.round_current")
	}
	return msg
}

// adminFormFailed shows the admin page again with what was typed into the
// form and its error beside the field (or above the form); an error
// that is not about the form shows the error page.
func (h *handler) adminFormFailed(w http.ResponseWriter, r *http.Request, form string, err error) {
	if code := catalog.ErrorCode(err); code != catalog.EINVALID && code != catalog.ECONFLICT && !(form == "framework" && tableRefused(err)) {
		h.fail(w, r, err)
		return
	}
	st := typed(r, adminFormFields[form]...)
	st.setError(langOf(r), err, adminFormFields[form]...)
	h.renderAdmin(w, r, httperr.Prepare(w, r, h.Logger, err), "", form, st)
}

func (h *handler) adminUserCreate(w http.ResponseWriter, r *http.Request) {
	c, err := h.Accounts.Create(r.Context(), sessionFrom(r).User, accounts.NewUser{Username: r.PostFormValue("username"),
		Role: r.PostFormValue("role"), City: r.PostFormValue("city"), Department: r.PostFormValue("department"),
		Cities: catalog.SplitList(r.PostFormValue("cities")), Password: r.PostFormValue("password")})
	if err != nil {
		h.adminFormFailed(w, r, "user", err)
		return
	}
	h.renderAdmin(w, r, http.StatusOK, fmt.Sprintf(tr(langOf(r), "admin.password_is"), c.User.Username, c.Password), "", formState{})
}

func (h *handler) setDisabled(w http.ResponseWriter, r *http.Request, disabled bool) {
	// Disabling oneself is refused by SetDisabled before any question;
	// enabling gives back access and is asked nothing.
	if disabled && r.PostFormValue("confirm") != "1" && r.PathValue("name") != sessionFrom(r).User.Username {
		h.confirmUserAction(w, r, "disable")
		return
	}
	u, err := h.Accounts.SetDisabled(r.Context(), sessionFrom(r).User, r.PathValue("name"), disabled)
	if err != nil {
		// The users' table again, the error above it.
		h.adminFormFailed(w, r, "users", err)
		return
	}
	key := "admin.user_enabled"
	if disabled {
		key = "admin.user_disabled"
	}
	back(w, r, "/admin#users", fmt.Sprintf(tr(langOf(r), key), u.Username))
}

// adminUserPassword gives a user a new generated password, shown on the
// admin page this once, for one who forgot theirs, once confirmed; it
// ends their sessions and API tokens (accounts.SetPassword).
func (h *handler) adminUserPassword(w http.ResponseWriter, r *http.Request) {
	if r.PostFormValue("confirm") != "1" {
		h.confirmUserAction(w, r, "password")
		return
	}
	name := r.PathValue("name")
	pw := auth.NewPassword()
	if err := h.Accounts.SetPassword(r.Context(), sessionFrom(r).User, accounts.PasswordChange{Username: name, Password: pw}); err != nil {
		h.adminFormFailed(w, r, "users", err)
		return
	}
	h.renderAdmin(w, r, http.StatusOK, fmt.Sprintf(tr(langOf(r), "admin.password_reset"), name, pw), "", formState{})
}

func (h *handler) adminUserDisable(w http.ResponseWriter, r *http.Request) { h.setDisabled(w, r, true) }
func (h *handler) adminUserEnable(w http.ResponseWriter, r *http.Request)  { h.setDisabled(w, r, false) }

func (h *handler) adminCityCreate(w http.ResponseWriter, r *http.Request) {
	if !h.requireAdmin(w, r) {
		return
	}
	c := catalog.City{Code: r.PostFormValue("code"), Name: r.PostFormValue("name")}
	if err := h.Framework.AddCity(r.Context(), sessionFrom(r).User, c); err != nil {
		h.adminFormFailed(w, r, "city", err)
		return
	}
	back(w, r, "/admin#cities", fmt.Sprintf(tr(langOf(r), "admin.city_added"), c.Name, c.Code))
}

func (h *handler) adminRoundCreate(w http.ResponseWriter, r *http.Request) {
	if !h.requireAdmin(w, r) {
		return
	}
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil {
		h.adminFormFailed(w, r, "round", catalog.FieldErrorf("year", catalog.EINVALID, "年份应为四位数字，如 2018"))
		return
	}
	rd := catalog.Round{Year: year, Label: r.PostFormValue("label"), Current: r.PostFormValue("current") == "on"}
	u := sessionFrom(r).User
	if err := h.Framework.AddRound(r.Context(), u, rd); err != nil {
		h.adminFormFailed(w, r, "round", err)
		return
	}
	msg := roundAdded(langOf(r), rd)
	// A round is carried into when it becomes current, not before: carried
	// early, what the previous round gains meanwhile would be left behind.
	if r.PostFormValue("carry") == "on" && rd.Current {
		msg += tr(langOf(r), "admin.semicolon") + h.carryAllCities(r, u, year)
	} else if r.PostFormValue("carry") == "on" {
		msg += tr(langOf(r), "admin.semicolon") + trf(langOf(r), "admin.carry_later", year)
	}
	if r.PostFormValue("copy_tables") == "on" {
		msg += tr(langOf(r), "admin.semicolon") + h.copyAllTables(r, u, year)
	}
	back(w, r, "/admin#rounds", msg)
}

// copyAllTables copies every city's latest responsibility table before
// the new round into it (从上一轮复制责任分解表) and says how many, and for
// each city what was added, what the round had already and what was not
// copied (not a key indicator now); a city that fails is named with the
// reason, and the others are still copied. A city without a table before
// is left as it is.
func (h *handler) copyAllTables(r *http.Request, u *catalog.User, year int) string {
	l := langOf(r)
	cities, err := h.Framework.VisibleCities(r.Context(), u)
	if err != nil {
		return errorText(l, err)
	}
	copied, tasks := 0, 0
	var each []string
	for _, c := range cities {
		cp, err := h.Assignments.CopyPrevious(r.Context(), u, c.Code, year)
		if catalog.ErrorCode(err) == catalog.EINVALID {
			continue // no table before the round
		}
		if err != nil {
			h.Logger.Warn("copy a city's responsibility table into a new round", "city", c.Code, "round", year, "err", err)
			each = append(each, trf(l, "admin.table_failed", cityLabel(l, c), errorText(l, err)))
			continue
		}
		copied, tasks = copied+1, tasks+cp.Added
		one := trf(l, "admin.table_added", cityLabel(l, c), cp.Added)
		if cp.Existing > 0 {
			one += trf(l, "admin.table_existing", cp.Existing)
		}
		if len(cp.Skipped) > 0 {
			one += trf(l, "admin.table_skipped", len(cp.Skipped))
		}
		each = append(each, one)
	}
	msg := trf(l, "admin.tables_copied", copied, tasks)
	if len(each) > 0 {
		msg += tr(l, "admin.tables_open") + strings.Join(each, tr(l, "admin.semicolon")) + tr(l, "admin.tables_close")
	}
	return msg
}

// carryAllCities carries every city's previous round into a new round and
// says what was taken, or why nothing could be (the round is made either
// way).
func (h *handler) carryAllCities(r *http.Request, u *catalog.User, year int) string {
	cities, err := h.Framework.VisibleCities(r.Context(), u)
	if err != nil {
		return errorText(langOf(r), err)
	}
	total := &catalog.CarryReport{}
	for _, c := range cities {
		rep, err := h.Values.CarryOver(r.Context(), u, c.Code, year)
		if err != nil {
			return errorText(langOf(r), err)
		}
		total.FromRound = rep.FromRound
		total.Links, total.Claims, total.Values = total.Links+rep.Links, total.Claims+rep.Claims, total.Values+rep.Values
	}
	return carriedMessage(langOf(r), total)
}

func (h *handler) adminFrameworkImport(w http.ResponseWriter, r *http.Request) {
	if !h.requireAdmin(w, r) {
		return
	}
	if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) == 0 {
		h.adminFormFailed(w, r, "framework", catalog.FieldErrorf("file", catalog.EINVALID, "请选择指标体系文件（.yaml、.xlsx、.xls、.et 或 .csv）"))
		return
	}
	fh := r.MultipartForm.File["file"][0]
	f, err := fh.Open()
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 10<<20))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	imp := h.Framework.Import
	if r.FormValue("next_round") == "on" {
		imp = h.Framework.ImportForNextRound
	}
	rep, err := imp(r.Context(), sessionFrom(r).User, fh.Filename, data,
		catalog.Framework{Name: r.FormValue("name"), Version: r.FormValue("version")})
	if err != nil {
		h.adminFormFailed(w, r, "framework", onFile(err))
		return
	}
	msg := fmt.Sprintf("%s %s:%d · +%d −%d · %d", rep.Framework.Name, rep.Framework.Version,
		rep.Indicators, len(rep.Added), len(rep.Removed), len(rep.OrphanLinks))
	if rep.KeptRound != 0 {
		msg += trf(langOf(r), "admin.framework_kept", rep.KeptRound)
	}
	back(w, r, "/admin#framework", msg)
}

// onFile puts an error about an imported file's content beside the file
// field: a table too large to read (ETOOLARGE) or no reader free just
// now (EUNAVAILABLE) is said there too, as a mistake in it is.
func onFile(err error) error {
	if catalog.ErrorField(err) != "" || !tableRefused(err) {
		return err
	}
	var e *catalog.Error
	if !errors.As(err, &e) {
		return err
	}
	return e.OnField("file")
}

// eventsPageSize is how many audit events the admin page shows at once.
const eventsPageSize = 100

// eventsPage reads the page of the audit log the admin page asks for
// (events_before or events_after an event's ID; the newest without) and
// the links to the pages older and newer. Each goes from an event by its
// ID, not by offset: events written meanwhile do not shift a page. One
// event more than a page is read, to know whether a page lies beyond.
func (h *handler) eventsPage(r *http.Request, p *adminPage) error {
	admin := sessionFrom(r).User
	q := r.URL.Query()
	before, _ := strconv.ParseInt(q.Get("events_before"), 10, 64)
	after, _ := strconv.ParseInt(q.Get("events_after"), 10, 64)
	p.EventsBy, p.EventsAction = strings.TrimSpace(q.Get("user")), strings.TrimSpace(q.Get("action"))
	p.ActionChoices = actionChoices(langOf(r), p.EventsAction)
	var err error
	if p.EventsAbout, err = h.eventObjectFilter(r.Context(), langOf(r), admin, q.Get("kind"), q.Get("object"), p.Cities); err != nil {
		return err
	}
	if p.EventsAbout.Unresolved() {
		// Several documents or none are called so: the page offers them
		// (or says so) rather than a log of everything.
		return nil
	}
	f := catalog.EventFilter{User: p.EventsBy, Action: p.EventsAction, Object: p.EventsAbout.Object,
		Indicator: p.EventsAbout.Indicator, IndicatorCity: p.EventsAbout.City, Before: max(before, 0), Limit: eventsPageSize + 1}
	// A page beside this one keeps the filters.
	pageLink := func(key string, id int64) string {
		v := url.Values{}
		for k, s := range map[string]string{"user": p.EventsBy, "action": p.EventsAction, "kind": p.EventsAbout.Kind, "object": p.EventsAbout.Text} {
			if s != "" {
				v.Set(k, s)
			}
		}
		if key != "" {
			v.Set(key, strconv.FormatInt(id, 10))
		}
		return eventsLink(v)
	}
	if f.Before == 0 {
		f.After = max(after, 0)
	}
	events, err := h.Accounts.Events(r.Context(), admin, f)
	if err != nil {
		return err
	}
	if f.After != 0 && len(events) <= eventsPageSize {
		// Nothing newer beyond this page: the newest page, read whole.
		f.After = 0
		if events, err = h.Accounts.Events(r.Context(), admin, f); err != nil {
			return err
		}
	}
	more := len(events) > eventsPageSize
	switch {
	case f.After != 0:
		events = events[1:] // the one read beyond, newer than the page
	case more:
		events = events[:eventsPageSize]
	}
	if len(events) > 0 {
		if more || f.After != 0 {
			p.OlderEvents = pageLink("events_before", events[len(events)-1].ID)
		}
		if f.Before != 0 || f.After != 0 {
			p.NewerEvents = pageLink("events_after", events[0].ID)
		}
	} else if f.Before != 0 {
		p.NewerEvents = pageLink("", 0)
	}
	p.Events = events
	return nil
}

// departmentChoices are, by username, the departments an admin may move
// each coordinator or contributor to: their city's list, the account's
// own selected; a coordinator may also have none, and a department the
// list lacks (an account made before creation checked it) is offered
// too, marked so, that the admin sees why the account finds no task.
func (h *handler) departmentChoices(r *http.Request, users []catalog.User) (map[string][]option, error) {
	lang := langOf(r)
	admin := sessionFrom(r).User
	lists := map[string][]catalog.Department{}
	out := map[string][]option{}
	for _, u := range users {
		if (u.Role != catalog.RoleCoordinator && u.Role != catalog.RoleContributor) || u.City == "" {
			continue
		}
		list, ok := lists[u.City]
		if !ok {
			var err error
			if list, err = h.Assignments.Departments(r.Context(), admin, u.City); err != nil {
				return nil, fmt.Errorf("departments of city %s: %w", u.City, err)
			}
			lists[u.City] = list
		}
		var opts []option
		if u.Role == catalog.RoleCoordinator {
			opts = append(opts, option{"", tr(lang, "admin.department_none"), u.Department == ""})
		}
		listed := u.Department == ""
		for _, d := range list {
			opts = append(opts, option{d.Name, d.Name, d.Name == u.Department})
			listed = listed || d.Name == u.Department
		}
		if !listed {
			opts = append(opts, option{u.Department, fmt.Sprintf(tr(lang, "admin.department_unlisted"), u.Department), true})
		}
		out[u.Username] = opts
	}
	return out, nil
}

// adminUserDepartment moves a coordinator or contributor to another
// department of their city's list (accounts.Service.SetDepartment's
// checks); a refusal shows the users' table again with why above it.
func (h *handler) adminUserDepartment(w http.ResponseWriter, r *http.Request) {
	u, err := h.Accounts.SetDepartment(r.Context(), sessionFrom(r).User, r.PathValue("name"), r.PostFormValue("department"))
	if err != nil {
		h.adminFormFailed(w, r, "users", err)
		return
	}
	back(w, r, "/admin#users", fmt.Sprintf(tr(langOf(r), "admin.department_changed"), u.Username, u.Department))
}
