package main

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/ctxtime"
	"github.com/lcmonitor/evidence/report"
)

// langParam is lang as the API's lang parameter asks for it.
func langParam(lang report.Lang) string {
	if lang == report.English {
		return "en"
	}
	return "zh"
}

// roundQuery is the query of a report, a pack or the coverage: round
// when given (0: the server's default), the language, and extra.
func roundQuery(round int, lang report.Lang, extra map[string]string) string {
	v := url.Values{}
	if round != 0 {
		v.Set("round", strconv.Itoa(round))
	}
	v.Set("lang", langParam(lang))
	for k, x := range extra {
		if x != "" {
			v.Set(k, x)
		}
	}
	return v.Encode()
}

// download asks the server for path (with its query) and writes the
// answer's body to out, or, when out is empty, to the file name the
// answer gives (Content-Disposition) in the current folder, else to
// fallback: through a temporary file beside it, so that an answer cut
// short never takes the name. A server that cannot answer now (429, 503)
// is asked again as uploads are (busyWaits), each wait said through
// note; an error answer is the server's message (answerError). check,
// when not nil, reads the file written before it takes its name.
func (c *remote) download(ctx context.Context, path, out, fallback string, note func(string), check func(*os.File) error) (string, error) {
	resp, err := c.fetch(ctx, path, note)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	if out == "" {
		out = fallback
		if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
			out = filepath.Base(params["filename"])
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), ".download-*")
	if err != nil {
		return "", fmt.Errorf("create %s: %w", out, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, resp.Body); err != nil {
		tmp.Close()
		return "", fmt.Errorf("%s: %v: %w", path, err, catalog.Errorf(catalog.EUNAVAILABLE, "服务器的应答中途中断，未保存 %s；请重试", out))
	}
	if check != nil {
		if err := check(tmp); err != nil {
			tmp.Close()
			return "", err
		}
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("write %s: %w", out, err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return "", fmt.Errorf("save %s: %w", out, err)
	}
	return out, nil
}

// fetch is a GET of path whose answer is a file, not JSON: the answer
// when it is a success (the caller closes its body), asked again while the
// server is busy as doWaiting does; else the server's error.
func (c *remote) fetch(ctx context.Context, path string, note func(string)) (*http.Response, error) {
	var waits busyWaits
	for {
		req, err := c.get(ctx, path)()
		if err != nil {
			return nil, err
		}
		if c.token != "" {
			req.Header.Set("Authorization", "Bearer "+c.token)
		}
		sent := time.Now()
		resp, err := c.client.Do(req)
		if err != nil {
			return nil, fmt.Errorf("GET %s: %v: %w", req.URL.Path, err, catalog.Errorf(catalog.EUNAVAILABLE, "无法连接 %s，请检查地址和网络", c.base))
		}
		if resp.StatusCode < 300 {
			return resp, nil
		}
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		err = answerError(resp, raw, sent)
		busy := busyOf(err)
		if busy == nil || ctx.Err() != nil {
			return nil, err
		}
		d, ok := waits.next(busy)
		if !ok {
			return nil, c.gaveUp(waits, busy)
		}
		note(c.waitNote(d, busy))
		if err := ctxtime.Sleep(ctx, d); err != nil {
			return nil, err
		}
	}
}

// report writes the city's monitoring report of round (0: the current
// one) in format through GET /api/v1/reports/{city}, to out or the name
// the server gives it; it returns the file's path.
func (c *remote) report(ctx context.Context, city string, round int, format, out string, note func(string)) (string, error) {
	path := "/api/v1/reports/" + url.PathEscape(city) + "?" + roundQuery(round, c.lang, map[string]string{"format": format})
	return c.download(ctx, path, out, "report-"+city+"."+format, note, nil)
}

// pack writes the city's evidence pack of round (0: the current one)
// through GET /api/v1/packs/{city}, to out or the name the server gives
// it; it returns the file's path and how many originals it holds. A ZIP
// that cannot be read (the server cut it short, finding an original
// damaged as it sent it) is not kept.
func (c *remote) pack(ctx context.Context, city string, round int, indicator, out string, note func(string)) (string, int, error) {
	path := "/api/v1/packs/" + url.PathEscape(city) + "?" + roundQuery(round, c.lang, map[string]string{"indicator": indicator})
	originals := 0
	saved, err := c.download(ctx, path, out, "佐证材料包-"+city+".zip", note, func(f *os.File) error {
		st, err := f.Stat()
		if err != nil {
			return fmt.Errorf("stat pack: %w", err)
		}
		zr, err := zip.NewReader(f, st.Size())
		if err != nil {
			return catalog.Errorf(catalog.EUNAVAILABLE, "服务器发来的佐证材料包不完整（%v），未保存；请重试，仍不完整时请管理员运行 evidence check", err)
		}
		for _, zf := range zr.File {
			if strings.HasPrefix(zf.Name, "originals/") && !strings.HasSuffix(zf.Name, "/") {
				originals++
			}
		}
		return nil
	})
	return saved, originals, err
}

// coverage is the coverage matrix of round (0: all) and city ("": every
// city the token may see) through GET /api/v1/coverage.
func (c *remote) coverage(ctx context.Context, round int, city string, note func(string)) (*coverage.Matrix, error) {
	var m coverage.Matrix
	err := c.doWaiting(ctx, c.get(ctx, "/api/v1/coverage?"+roundQuery(round, c.lang, map[string]string{"city": city})), &m, note)
	return &m, err
}
