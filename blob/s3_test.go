package blob_test

import (
	"bytes"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/blob/blobtest"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/s3gw"
)

func TestMain(m *testing.M) {
	code := m.Run()
	stopShared()
	os.Exit(code)
}

// s3Config returns settings for a fresh bucket on the server under test:
// the one named by EVIDENCE_TEST_S3_ENDPOINT, or else a Versity Gateway this
// test binary starts. Without either, a local run skips and CI fails.
func s3Config(t *testing.T) blob.S3Config {
	t.Helper()
	if endpoint := os.Getenv("EVIDENCE_TEST_S3_ENDPOINT"); endpoint != "" {
		return blob.S3Config{
			Endpoint:  endpoint,
			Bucket:    newBucketName(),
			AccessKey: os.Getenv("EVIDENCE_TEST_S3_ACCESS_KEY"),
			SecretKey: os.Getenv("EVIDENCE_TEST_S3_SECRET_KEY"),
			Secure:    os.Getenv("EVIDENCE_TEST_S3_SECURE") == "true" || os.Getenv("EVIDENCE_TEST_S3_SECURE") == "1",
			Region:    os.Getenv("EVIDENCE_TEST_S3_REGION"),
		}
	}
	g, err := shared()
	if err != nil {
		requireGateway(t, err)
	}
	return config(g, newBucketName())
}

// requireGateway ends a test that cannot get an S3 server: a skip on a
// developer's machine, a failure in CI where a skip would hide a gap.
func requireGateway(t *testing.T, err error) {
	t.Helper()
	s3gw.Require(t, err)
}

func newS3(t *testing.T, cfg blob.S3Config) *blob.S3 {
	t.Helper()
	s, err := blob.NewS3(t.Context(), cfg)
	if err != nil {
		t.Fatalf("NewS3(%s, bucket %s): %v", cfg.Endpoint, cfg.Bucket, err)
	}
	t.Cleanup(func() {
		ctx, cancel := withTimeout(30 * time.Second)
		defer cancel()
		if err := s.RemoveBucket(ctx); err != nil {
			t.Errorf("remove bucket %s: %v", cfg.Bucket, err)
		}
	})
	return s
}

func TestS3Conformance(t *testing.T) {
	s3Config(t) // skip or fail once here rather than in every subtest
	blobtest.Run(t, func(t *testing.T) blob.Store {
		return newS3(t, s3Config(t))
	})
}

// NewS3 opens an existing bucket as well as creating a missing one, since
// every start after the first finds the bucket there.
func TestS3ReopenBucket(t *testing.T) {
	cfg := s3Config(t)
	s := newS3(t, cfg)
	data := []byte("杭州市终身学习")
	if err := s.Put(t.Context(), "originals/a", bytes.NewReader(data), int64(len(data)), "text/plain"); err != nil {
		t.Fatalf("put: %v", err)
	}
	again, err := blob.NewS3(t.Context(), cfg)
	if err != nil {
		t.Fatalf("NewS3 on an existing bucket: %v", err)
	}
	info, err := again.Stat(t.Context(), "originals/a")
	if err != nil || info.Size != int64(len(data)) {
		t.Fatalf("stat through the second client: %+v, %v", info, err)
	}
}

func TestS3ClosedPortIsUnavailable(t *testing.T) {
	addr, err := closedAddr()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = blob.NewS3(t.Context(), blob.S3Config{Endpoint: addr, Bucket: "evidence", AccessKey: "k", SecretKey: "s"})
	elapsed := time.Since(start)
	wantUnavailable(t, "NewS3 on closed port "+addr, err)
	// At start-up the reader is the operator: the message must say where
	// the store was looked for and which settings can be wrong.
	msg := catalog.ErrorMessage(err)
	for _, want := range []string{addr, "存储桶 evidence", "用 http 连接", "EVIDENCE_S3_ENDPOINT", "EVIDENCE_S3_SECURE"} {
		if !strings.Contains(msg, want) {
			t.Errorf("NewS3 on a closed port: message %q does not say %q", msg, want)
		}
	}
	if elapsed > 8*time.Second {
		t.Errorf("NewS3 on a closed port took %s, want a few seconds at most", elapsed)
	}
	t.Logf("NewS3 on a closed port failed after %s: %v", elapsed.Round(time.Millisecond), err)
}

func TestS3StoppedServerIsUnavailable(t *testing.T) {
	g, err := s3gw.Start()
	if err != nil {
		requireGateway(t, err)
	}
	defer g.Close()
	s, err := blob.NewS3(t.Context(), config(g, newBucketName()))
	if err != nil {
		t.Fatalf("NewS3: %v", err)
	}
	data := []byte("before the outage")
	if err := s.Put(t.Context(), "originals/a", bytes.NewReader(data), int64(len(data)), "text/plain"); err != nil {
		t.Fatalf("put while running: %v", err)
	}
	g.Stop()

	start := time.Now()
	calls := []struct {
		name string
		call func() error
	}{
		{"put", func() error {
			return s.Put(t.Context(), "originals/b", bytes.NewReader(data), int64(len(data)), "text/plain")
		}},
		{"get", func() error { _, err := s.Get(t.Context(), "originals/a"); return err }},
		{"stat", func() error { _, err := s.Stat(t.Context(), "originals/a"); return err }},
		{"list", func() error { return s.List(t.Context(), "", func(blob.Info) error { return nil }) }},
	}
	for _, c := range calls {
		callStart := time.Now()
		err := c.call()
		wantUnavailable(t, c.name+" after the server stopped", err)
		t.Logf("%s after the server stopped failed in %s: %v", c.name, time.Since(callStart).Round(time.Millisecond), err)
		if c.name == "put" && !strings.Contains(catalog.ErrorMessage(err), "文件未保存") {
			t.Errorf("put after the server stopped: message %q does not say the file was not saved", catalog.ErrorMessage(err))
		}
	}
	if elapsed := time.Since(start); elapsed > 10*time.Second {
		t.Errorf("four calls against a stopped server took %s, want a few seconds", elapsed)
	}
}

func TestS3WrongSecretIsUnavailable(t *testing.T) {
	cfg := s3Config(t)
	cfg.SecretKey += "-wrong"
	_, err := blob.NewS3(t.Context(), cfg)
	wantUnavailable(t, "NewS3 with a wrong secret", err)
	msg := catalog.ErrorMessage(err)
	if !strings.Contains(msg, "EVIDENCE_S3_SECRET_KEY") || !strings.Contains(msg, cfg.Endpoint) {
		t.Errorf("NewS3 with a wrong secret: message %q does not name the endpoint %s and point at the key settings", msg, cfg.Endpoint)
	}
	if strings.Contains(msg, "无法连接") {
		t.Errorf("NewS3 with a wrong secret: message %q speaks of no connection; the store answered and refused", msg)
	}
}

// TestS3WrongAccessKeyIsUnavailable: a key the server does not know is
// a matter of the key settings, not a missing object named after the
// bucket (Versity Gateway answers it with 404 XAdminUserNotFound).
func TestS3WrongAccessKeyIsUnavailable(t *testing.T) {
	cfg := s3Config(t)
	cfg.AccessKey = "nope-wrong"
	_, err := blob.NewS3(t.Context(), cfg)
	wantUnavailable(t, "NewS3 with a wrong access key", err)
	msg := catalog.ErrorMessage(err)
	if !strings.Contains(msg, "EVIDENCE_S3_ACCESS_KEY") || strings.Contains(msg, "没有对象") {
		t.Errorf("NewS3 with a wrong access key: message %q should point at the key settings, not at a missing object", msg)
	}
}

func TestS3GetStreamsLargeObject(t *testing.T) {
	s := newS3(t, s3Config(t))
	data := bytes.Repeat([]byte("社区学习共同体"), 1<<18) // about 5 MiB
	if err := s.Put(t.Context(), "text/big.json", bytes.NewReader(data), -1, "application/json"); err != nil {
		t.Fatalf("put: %v", err)
	}
	rc, err := s.Get(t.Context(), "text/big.json")
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	defer rc.Close()
	got, err := io.ReadAll(rc)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("read back %d bytes (err %v), want %d equal bytes", len(got), err, len(data))
	}
}

func TestConfigFromEnv(t *testing.T) {
	t.Setenv("EVIDENCE_S3_ENDPOINT", "")
	if _, ok := blob.ConfigFromEnv(); ok {
		t.Fatal("ConfigFromEnv without endpoint: ok = true, want false (folder store)")
	}
	for _, tt := range []struct {
		secure string
		want   bool
	}{{"true", true}, {"1", true}, {"", false}, {"false", false}, {"yes", false}} {
		t.Setenv("EVIDENCE_S3_ENDPOINT", "minio.local:9000")
		t.Setenv("EVIDENCE_S3_BUCKET", "evidence")
		t.Setenv("EVIDENCE_S3_ACCESS_KEY", "ak")
		t.Setenv("EVIDENCE_S3_SECRET_KEY", "sk")
		t.Setenv("EVIDENCE_S3_SECURE", tt.secure)
		t.Setenv("EVIDENCE_S3_REGION", "cn-east-1")
		cfg, ok := blob.ConfigFromEnv()
		want := blob.S3Config{Endpoint: "minio.local:9000", Bucket: "evidence", AccessKey: "ak", SecretKey: "sk", Secure: tt.want, Region: "cn-east-1"}
		if !ok || cfg != want {
			t.Errorf("ConfigFromEnv with SECURE=%q: got %+v, %v; want %+v, true", tt.secure, cfg, ok, want)
		}
	}
}

func wantUnavailable(t *testing.T, what string, err error) {
	t.Helper()
	if code := catalog.ErrorCode(err); code != catalog.EUNAVAILABLE {
		t.Fatalf("%s: got %v (code %q), want EUNAVAILABLE", what, err, code)
	}
	msg := catalog.ErrorMessage(err)
	if !strings.Contains(msg, "对象存储") || !strings.Contains(err.Error(), msg) {
		t.Errorf("%s: message %q should be Chinese advice and the error %q should carry it and its cause", what, msg, err)
	}
	if err.Error() == "EUNAVAILABLE: "+msg {
		t.Errorf("%s: error %q lost its cause", what, err)
	}
}

// closedAddr returns a loopback address nothing listens on.
func closedAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	addr := l.Addr().String()
	return addr, l.Close()
}
