package framework

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// Service holds the reference data of monitoring — the indicator
// framework, the cities and the rounds — and the rules for changing it:
// everyone signed in reads it, only admins change it.
type Service struct {
	cat *catalog.Store
	xls spreadsheet.XLSReader // reads .xls and .et tables; nil refuses them
}

// NewService returns the reference-data service over the catalog.
func NewService(cat *catalog.Store) *Service { return &Service{cat: cat} }

// UseXLSReader has framework tables saved as Excel 97–2003 (.xls) or WPS
// (.et) read by r (the extraction sandbox), never in this process;
// without it such a table is refused with a message saying to save it as
// .xlsx.
func (s *Service) UseXLSReader(r spreadsheet.XLSReader) { s.xls = r }

// System is the actor of changes the archive makes by itself (loading the
// demo framework) and of the command line, which has the data folder.
var System = &catalog.User{Username: "system", Role: catalog.RoleAdmin}

func requireAdmin(u *catalog.User) error {
	if u == nil || u.Role != catalog.RoleAdmin {
		return catalog.Errorf(catalog.EFORBIDDEN, "只有管理员可以执行此操作")
	}
	return nil
}

// Imported is the outcome of a framework import.
type Imported struct {
	*catalog.ImportReport
	Indicators int // indicators in the imported version
}

// Import reads a framework file (YAML, XLSX, XLS, .et or CSV; see Parse) and makes
// it the current framework for u (an admin). Nothing is imported when any
// row is wrong; links to codes the new version lacks are kept and listed.
func (s *Service) Import(ctx context.Context, u *catalog.User, filename string, data []byte, meta catalog.Framework) (*Imported, error) {
	return s.importFile(ctx, u, filename, data, meta, false)
}

// ImportForNextRound is Import for a framework meant for the rounds after
// the current one (the revised framework arrives before the new round is
// made current): the current round keeps the indicator names it was
// monitored under, so its report is not renamed. Without it, the current
// round takes the new names, as a corrected framework should; a round
// always keeps its names once a later round is made current.
func (s *Service) ImportForNextRound(ctx context.Context, u *catalog.User, filename string, data []byte, meta catalog.Framework) (*Imported, error) {
	return s.importFile(ctx, u, filename, data, meta, true)
}

func (s *Service) importFile(ctx context.Context, u *catalog.User, filename string, data []byte, meta catalog.Framework, nextRound bool) (*Imported, error) {
	if err := requireAdmin(u); err != nil {
		return nil, err
	}
	p, err := parse(ctx, filename, data, meta, s.xls)
	if err != nil {
		return nil, err
	}
	imp := s.cat.ImportFramework
	if nextRound {
		imp = s.cat.ImportFrameworkForNextRound
	}
	rep, err := imp(ctx, p.Framework, p.Indicators, u.Username)
	if err != nil {
		return nil, err
	}
	return &Imported{ImportReport: rep, Indicators: len(p.Indicators)}, nil
}

// EnsureDemo loads the demo framework when there is none yet, so a new
// archive has indicators to link to; importing a real one replaces it.
// It reports whether it loaded it.
func (s *Service) EnsureDemo(ctx context.Context) (bool, error) {
	_, _, err := s.cat.CurrentFramework(ctx)
	if !catalog.IsNotFound(err) {
		return false, err
	}
	if _, err := s.Import(ctx, System, "demo-learning-city.yaml", Demo, catalog.Framework{}); err != nil {
		return false, fmt.Errorf("load demo framework: %w", err)
	}
	return true, nil
}

// Current returns the current framework with its indicators.
func (s *Service) Current(ctx context.Context) (*catalog.Framework, []catalog.Indicator, error) {
	return s.cat.CurrentFramework(ctx)
}

// KeyIndicators returns the key (level-3) indicators of the current
// framework, in framework order; none when no framework is loaded.
func (s *Service) KeyIndicators(ctx context.Context) ([]catalog.Indicator, error) {
	_, inds, err := s.cat.CurrentFramework(ctx)
	if catalog.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []catalog.Indicator
	for _, ind := range inds {
		if ind.Level == catalog.KeyLevel {
			out = append(out, ind)
		}
	}
	return out, nil
}

// Names maps every indicator code of the current framework to its name.
func (s *Service) Names(ctx context.Context) (map[string]string, error) {
	_, inds, err := s.cat.CurrentFramework(ctx)
	if err != nil && !catalog.IsNotFound(err) {
		return nil, err
	}
	names := make(map[string]string, len(inds))
	for _, ind := range inds {
		names[ind.Code] = ind.Name
	}
	return names, nil
}

// Cities lists the cities taking part, by code.
func (s *Service) Cities(ctx context.Context) ([]catalog.City, error) {
	return s.cat.Cities(ctx)
}

// VisibleCities lists the cities u may see: a coordinator's own only.
func (s *Service) VisibleCities(ctx context.Context, u *catalog.User) ([]catalog.City, error) {
	all, err := s.cat.Cities(ctx)
	if err != nil {
		return nil, err
	}
	var out []catalog.City
	for _, c := range all {
		if u.CanSee(c.Code) {
			out = append(out, c)
		}
	}
	return out, nil
}

// City returns one city; ENOTFOUND when there is no such code.
func (s *Service) City(ctx context.Context, code string) (catalog.City, error) {
	return s.cat.City(ctx, code)
}

// AddCity adds a city for u (an admin).
func (s *Service) AddCity(ctx context.Context, u *catalog.User, c catalog.City) error {
	if err := requireAdmin(u); err != nil {
		return err
	}
	return s.cat.AddCity(ctx, c, u.Username)
}

// Rounds lists the monitoring rounds.
func (s *Service) Rounds(ctx context.Context) ([]catalog.Round, error) {
	return s.cat.Rounds(ctx)
}

// CurrentRound is the year a round left empty is taken as: the current
// round, or the latest when none is marked current (0: no round).
func (s *Service) CurrentRound(ctx context.Context) (int, error) {
	return s.cat.CurrentRound(ctx)
}

// BlankRound is the round a request that left field blank is about (the
// current round); catalog.NoRoundYet about field when there is none.
func (s *Service) BlankRound(ctx context.Context, field string) (int, error) {
	return s.cat.BlankRound(ctx, field)
}

// AddRound adds a monitoring round for u (an admin).
func (s *Service) AddRound(ctx context.Context, u *catalog.User, r catalog.Round) error {
	if err := requireAdmin(u); err != nil {
		return err
	}
	return s.cat.AddRound(ctx, r, u.Username)
}

// SetCurrentRound makes the existing round year the current one for u
// (an admin); changed is false when it was current already
// (catalog.Store.SetCurrentRound).
func (s *Service) SetCurrentRound(ctx context.Context, u *catalog.User, year int) (changed bool, err error) {
	if err := requireAdmin(u); err != nil {
		return false, err
	}
	return s.cat.SetCurrentRound(ctx, year, u.Username)
}

// RoundSetup says whether year's round has had a carry-over and has any
// responsibility table (catalog.RoundSetup).
func (s *Service) RoundSetup(ctx context.Context, year int) (catalog.RoundSetup, error) {
	return s.cat.RoundSetup(ctx, year)
}

// RoundNames returns the names round gives its indicators: those it keeps
// (a past round's, with today's beside one renamed since) or the current
// framework's. Everyone signed in reads them. ENOTFOUND for a round that
// is not there.
func (s *Service) RoundNames(ctx context.Context, round int) (*catalog.RoundNames, error) {
	return s.cat.RoundNames(ctx, round)
}

// CorrectRoundNames corrects, for u (an admin), the Chinese name, the
// English name or both that round keeps for its indicator code, audited
// with the old and the new names (catalog.Store.CorrectRoundNames); the
// round's report, pack and pages then use them.
func (s *Service) CorrectRoundNames(ctx context.Context, u *catalog.User, round int, code string, edit catalog.RoundNameEdit) (*catalog.NameCorrection, error) {
	if err := requireAdmin(u); err != nil {
		return nil, err
	}
	return s.cat.CorrectRoundNames(ctx, round, code, edit, u.Username)
}
