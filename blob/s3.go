package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/lcmonitor/evidence/catalog"
)

// S3Config says how to reach the bucket that holds the objects.
type S3Config struct {
	Endpoint  string // host:port; an http:// or https:// prefix also sets Secure
	Bucket    string
	AccessKey string
	SecretKey string
	Secure    bool   // use TLS
	Region    string // empty: ask the server
	// KeepMissing leaves a missing bucket missing: NewS3 fails with an
	// error wrapping ErrNoBucket instead of creating it. A catalog that
	// holds documents already has a bucket; one not there is a mistyped
	// EVIDENCE_S3_BUCKET, not a bucket to make.
	KeepMissing bool
}

// ErrNoBucket is what NewS3 wraps when the bucket does not exist and
// S3Config.KeepMissing says not to create it.
var ErrNoBucket = errors.New("the bucket does not exist")

// ConfigFromEnv reads the S3 settings from EVIDENCE_S3_ENDPOINT,
// EVIDENCE_S3_BUCKET, EVIDENCE_S3_ACCESS_KEY, EVIDENCE_S3_SECRET_KEY,
// EVIDENCE_S3_SECURE ("true" or "1") and EVIDENCE_S3_REGION. ok is false when
// no endpoint is set, which means the folder store is to be used.
func ConfigFromEnv() (cfg S3Config, ok bool) {
	cfg = S3Config{
		Endpoint:  strings.TrimSpace(os.Getenv("EVIDENCE_S3_ENDPOINT")),
		Bucket:    strings.TrimSpace(os.Getenv("EVIDENCE_S3_BUCKET")),
		AccessKey: os.Getenv("EVIDENCE_S3_ACCESS_KEY"),
		SecretKey: os.Getenv("EVIDENCE_S3_SECRET_KEY"),
		Region:    strings.TrimSpace(os.Getenv("EVIDENCE_S3_REGION")),
	}
	switch strings.ToLower(strings.TrimSpace(os.Getenv("EVIDENCE_S3_SECURE"))) {
	case "true", "1":
		cfg.Secure = true
	}
	return cfg, cfg.Endpoint != ""
}

// S3 is a Store that keeps objects in one bucket of an S3-compatible
// service. It is the only place in the program that knows minio-go; every
// error leaves it translated into a catalog error or wrapped with context.
type S3 struct {
	client *minio.Core
	bucket string
}

var _ Store = (*S3)(nil)

const (
	// connectTimeout bounds start-up and every new connection, so a dead
	// endpoint is reported within seconds instead of after the OS's minutes.
	connectTimeout = 5 * time.Second
	// maxRetries lets the client ride out a blip without making a caller
	// wait long when the service is really down.
	maxRetries = 3
	// partSize bounds the memory of a Put of unknown size; minio-go would
	// otherwise buffer parts sized for a 5 TiB object.
	partSize = 16 << 20
)

// A service that takes a request and then says nothing is stalled, not
// slow: minio-go's transport waits a minute for an answer's headers, three
// times over with its retries, and a body that stops moving half-way holds
// its reader (an extraction worker, a page) or its uploader for as long as
// the connection lives. responseTimeout bounds the wait for an answer once
// the request is sent (an object's whole body included: the clock starts
// after it), and idleTimeout the wait for more of an object being read, or
// for the service to take more of one being written. Variables, so the
// tests can stall a server without waiting that long.
var (
	responseTimeout = 15 * time.Second
	idleTimeout     = 30 * time.Second
)

// writeIdleConn ends a write to the service that makes no progress for
// idleTimeout: an upload whose receiver stopped reading.
type writeIdleConn struct{ net.Conn }

func (c writeIdleConn) Write(p []byte) (int, error) {
	if err := c.Conn.SetWriteDeadline(time.Now().Add(idleTimeout)); err != nil {
		return 0, err
	}
	return c.Conn.Write(p)
}

// completeTimeout bounds the wait for the answer to the request that
// completes a multipart upload: the service may join the parts before it
// answers (Versity Gateway's posix backend does, sending nothing
// meanwhile), which for a large file on a slow disk takes longer than
// responseTimeout allows.
const completeTimeout = 10 * time.Minute

// newS3Transport is minio-go's transport with the bounds above: a write to
// the service that makes no progress for idleTimeout fails, and so does an
// answer that has not begun responseTimeout after its request was sent,
// except the completion of a multipart upload's (completeTimeout).
func newS3Transport(secure bool) (http.RoundTripper, error) {
	quick, err := minio.DefaultTransport(secure)
	if err != nil {
		return nil, fmt.Errorf("s3 transport: %w", err)
	}
	dial := (&net.Dialer{Timeout: connectTimeout, KeepAlive: 30 * time.Second}).DialContext
	quick.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return writeIdleConn{c}, nil
	}
	patient := quick.Clone()
	quick.ResponseHeaderTimeout = responseTimeout
	patient.ResponseHeaderTimeout = completeTimeout
	return completionAware{quick: quick, patient: patient}, nil
}

// completionAware sends the completion of a multipart upload (POST with an
// uploadId) through patient, every other request through quick.
type completionAware struct{ quick, patient http.RoundTripper }

func (t completionAware) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPost && r.URL.Query().Has("uploadId") {
		return t.patient.RoundTrip(r)
	}
	return t.quick.RoundTrip(r)
}

// NewS3 connects to the bucket described by cfg and creates the bucket if it
// does not exist yet (unless cfg.KeepMissing). An endpoint that cannot be reached within a few seconds
// is an EUNAVAILABLE error.
func NewS3(ctx context.Context, cfg S3Config) (*S3, error) {
	endpoint, secure := cfg.Endpoint, cfg.Secure
	if rest, ok := strings.CutPrefix(endpoint, "https://"); ok {
		endpoint, secure = rest, true
	} else if rest, ok := strings.CutPrefix(endpoint, "http://"); ok {
		endpoint, secure = rest, false
	}
	endpoint = strings.TrimSuffix(endpoint, "/")
	if endpoint == "" || cfg.Bucket == "" {
		return nil, catalog.Errorf(catalog.EINVALID, "对象存储配置不完整：需要 EVIDENCE_S3_ENDPOINT 和 EVIDENCE_S3_BUCKET")
	}
	transport, err := newS3Transport(secure)
	if err != nil {
		return nil, err
	}
	client, err := minio.NewCore(endpoint, &minio.Options{
		Creds:        credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
		Secure:       secure,
		Region:       cfg.Region,
		Transport:    transport,
		BucketLookup: minio.BucketLookupPath, // Versity Gateway and most private installs lack DNS per bucket
		MaxRetries:   maxRetries,
	})
	if err != nil {
		return nil, fmt.Errorf("s3 client for %s: %w: %w", endpoint,
			catalog.Errorf(catalog.EINVALID, "对象存储地址 EVIDENCE_S3_ENDPOINT 格式有误（应为 主机：端口）"), err)
	}
	s := &S3{client: client, bucket: cfg.Bucket}
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	if err := s.ensureBucket(ctx, cfg.Region, cfg.KeepMissing); err != nil {
		return nil, startupError(endpoint, cfg.Bucket, secure, err)
	}
	return s, nil
}

// ensureBucket creates the bucket unless it exists, or, keepMissing, fails
// with ErrNoBucket. Another node may create it at the same moment, so
// "already exists" counts as success.
func (s *S3) ensureBucket(ctx context.Context, region string, keepMissing bool) error {
	exists, err := s.client.BucketExists(ctx, s.bucket)
	if err != nil {
		return translate("open bucket", s.bucket, err)
	}
	if exists {
		return nil
	}
	if keepMissing {
		return fmt.Errorf("open bucket %s: %w", s.bucket, ErrNoBucket)
	}
	err = s.client.MakeBucket(ctx, s.bucket, minio.MakeBucketOptions{Region: region})
	switch minio.ToErrorResponse(err).Code {
	case "BucketAlreadyOwnedByYou", "BucketAlreadyExists":
		return nil
	}
	return translate("create bucket", s.bucket, err)
}

// Put uploads r. S3 makes an object visible only when its upload completes,
// and minio-go aborts a multipart upload that fails, so Put is atomic.
func (s *S3) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	if err := ValidKey(key); err != nil {
		return err
	}
	src := newSource(ctx, r, size)
	if size == 0 {
		// The HTTP client never reads an empty body, so check it here.
		if err := src.checkEnd(); err != nil {
			return fmt.Errorf("s3 put %s: %w", key, err)
		}
	}
	_, err := s.client.Client.PutObject(ctx, s.bucket, key, src, size, minio.PutObjectOptions{
		ContentType: contentTypeOrDefault(contentType),
		PartSize:    partSize,
	})
	if src.err != nil {
		// The upload failed because of its input; the service is fine.
		return fmt.Errorf("s3 put %s: %w", key, src.err)
	}
	if minio.ToErrorResponse(err).Code == "NoSuchUpload" {
		// A completion sent again after its answer was late (minio-go
		// retries it) finds the upload already completed: the object is
		// whole if it is there with its size.
		if info, serr := s.Stat(ctx, key); serr == nil && (size < 0 || info.Size == size) {
			return nil
		}
	}
	return translate("put", key, err)
}

// Get streams the object. The request is sent before Get returns, so a
// missing key or a dead service shows up here and not at the first Read.
func (s *S3) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if err := ValidKey(key); err != nil {
		return nil, err
	}
	return s.get(ctx, key, minio.GetObjectOptions{})
}

// GetRange asks for the bytes from off on with a Range header, so the
// service sends those alone.
func (s *S3) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	if err := ValidKey(key); err != nil {
		return nil, err
	}
	if off < 0 {
		return nil, badRange(key, off)
	}
	var opts minio.GetObjectOptions
	var err error
	switch {
	case n == 0:
		// No range reads nothing; the object must still be there.
		info, err := s.Stat(ctx, key)
		if err != nil {
			return nil, err
		}
		if version != "" && info.Version != version {
			return nil, fmt.Errorf("s3 get %s: %w", key, ErrChanged)
		}
		return io.NopCloser(strings.NewReader("")), nil
	case n > 0:
		err = opts.SetRange(off, off+n-1)
	case off > 0:
		err = opts.SetRange(off, 0) // bytes=off-, to the end
	}
	if err == nil && version != "" {
		err = opts.SetMatchETag(version) // 412 when put again since
	}
	if err != nil {
		return nil, fmt.Errorf("s3 get %s: %w", key, err)
	}
	rc, err := s.get(ctx, key, opts)
	if resp := (minio.ErrorResponse{}); errors.As(err, &resp) &&
		(resp.Code == "PreconditionFailed" || resp.StatusCode == http.StatusPreconditionFailed) {
		return nil, fmt.Errorf("s3 get %s: %w", key, ErrChanged)
	}
	if resp := (minio.ErrorResponse{}); errors.As(err, &resp) && resp.Code == "InvalidRange" {
		// 416: the range begins at or past the end of an object that is
		// there.
		return io.NopCloser(strings.NewReader("")), nil
	}
	return rc, err
}

func (s *S3) get(ctx context.Context, key string, opts minio.GetObjectOptions) (io.ReadCloser, error) {
	// Cancelling the request's context is what ends a read that waits on
	// a stalled body (s3Body).
	ctx, cancel := context.WithCancel(ctx)
	body, _, _, err := s.client.GetObject(ctx, s.bucket, key, opts)
	if err != nil {
		cancel()
		return nil, translate("get", key, err)
	}
	b := &s3Body{ReadCloser: body, key: key, cancel: cancel}
	b.idle = time.AfterFunc(idleTimeout, b.stall)
	b.idle.Stop() // the clock runs only while a Read waits
	return b, nil
}

// s3Body translates errors that occur while the object is streamed, such as
// the connection dropping half-way, and ends a Read that waits longer than
// idleTimeout for more of the object (the reader's own pauses between
// Reads do not count).
type s3Body struct {
	io.ReadCloser
	key     string
	cancel  context.CancelFunc
	idle    *time.Timer
	stalled atomic.Bool
}

// errStalled is why a read of a stalled object failed.
var errStalled = fmt.Errorf("no data for %w", errTimeout{})

// errTimeout is a net.Error that says it timed out, so that classify
// gives a stalled read the words of a timeout.
type errTimeout struct{}

func (errTimeout) Error() string   { return "longer than the read timeout" }
func (errTimeout) Timeout() bool   { return true }
func (errTimeout) Temporary() bool { return true }

func (b *s3Body) stall() {
	b.stalled.Store(true)
	b.cancel()
}

// Read implements io.Reader.
func (b *s3Body) Read(p []byte) (int, error) {
	b.idle.Reset(idleTimeout)
	n, err := b.ReadCloser.Read(p)
	b.idle.Stop()
	if b.stalled.Load() {
		return n, translate("read", b.key, errStalled)
	}
	if err != nil && err != io.EOF {
		err = translate("read", b.key, err)
	}
	return n, err
}

// Close implements io.Closer.
func (b *s3Body) Close() error {
	b.idle.Stop()
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// Stat asks for the object's headers.
func (s *S3) Stat(ctx context.Context, key string) (Info, error) {
	if err := ValidKey(key); err != nil {
		return Info{}, err
	}
	oi, err := s.client.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return Info{}, translate("stat", key, err)
	}
	return Info{Key: oi.Key, Size: oi.Size, ContentType: oi.ContentType, Version: oi.ETag}, nil
}

// Delete removes the object; S3 itself treats a missing key as deleted.
func (s *S3) Delete(ctx context.Context, key string) error {
	if err := ValidKey(key); err != nil {
		return err
	}
	err := s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{})
	if minio.ToErrorResponse(err).Code == "NoSuchKey" {
		return nil
	}
	return translate("delete", key, err)
}

// List pages through the bucket listing, which S3 returns in key order.
func (s *S3) List(ctx context.Context, prefix string, fn func(Info) error) error {
	if err := validPrefix(prefix); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the listing when fn ends it early
	opts := minio.ListObjectsOptions{Prefix: prefix, Recursive: true}
	for oi := range s.client.ListObjectsIter(ctx, s.bucket, opts) {
		if oi.Err != nil {
			return translate("list", strconv.Quote(prefix), oi.Err)
		}
		if strings.HasSuffix(oi.Key, "/") {
			continue // a folder marker some servers report; never a key of ours
		}
		if err := fn(Info{Key: oi.Key, Size: oi.Size}); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("s3 list %q: %w", prefix, err)
	}
	return nil
}

// removeBucket deletes every object and then the bucket. Only tests use it,
// to leave a shared server as they found it.
func (s *S3) removeBucket(ctx context.Context) error {
	var keys []string
	err := s.List(ctx, "", func(i Info) error { keys = append(keys, i.Key); return nil })
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := s.Delete(ctx, k); err != nil {
			return err
		}
	}
	return translate("remove bucket", s.bucket, s.client.RemoveBucket(ctx, s.bucket))
}

// translate turns a minio-go error into the program's terms at the edge:
// a missing object is ENOTFOUND, anything that means "the service cannot be
// used right now" is EUNAVAILABLE with advice for a person, and the original
// error stays wrapped so the log shows what really happened.
func translate(op, key string, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.Canceled) {
		return fmt.Errorf("s3 %s %s: %w", op, key, err) // the caller gave up; nothing to explain
	}
	code, msg := classify(op, err)
	if code == "" {
		return fmt.Errorf("s3 %s %s: %w", op, key, err)
	}
	if code == catalog.ENOTFOUND {
		return fmt.Errorf("s3 %s %s: %w: %w", op, key, notFound(key), err)
	}
	return fmt.Errorf("s3 %s %s: %w: %w", op, key, catalog.Errorf(code, msg, consequence(op)), err)
}

// classify returns the catalog code and message format for err (its %s
// is the consequence of op), or "" when err is not one the program can
// explain (a bug, a rejected request).
func classify(op string, err error) (code, msg string) {
	var resp minio.ErrorResponse
	if errors.As(err, &resp) && resp.Code != "" {
		// The code decides before the status: a server may answer a
		// key it does not know with 404 (Versity Gateway's
		// XAdminUserNotFound), which is not a missing object.
		switch {
		case resp.Code == "NoSuchKey" || resp.Code == "NoSuchVersion":
			return catalog.ENOTFOUND, ""
		case resp.Code == "NoSuchBucket":
			return catalog.EUNAVAILABLE, "对象存储中找不到存储桶（EVIDENCE_S3_BUCKET），%s；请联系管理员检查配置"
		case credentialCodes[resp.Code] || resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusUnauthorized:
			return catalog.EUNAVAILABLE, credentialMessage
		case resp.StatusCode >= 500 || resp.Code == "SlowDown" || resp.Code == "RequestTimeout":
			return catalog.EUNAVAILABLE, "对象存储暂时无法处理请求（S3 服务出错），%s；请稍后重试或联系管理员"
		case resp.StatusCode == http.StatusNotFound:
			// Any other 404 is a missing object: servers name it in
			// their own words (NotFound, ResourceNotFound), and taking
			// it for anything else would fail every upload of a new
			// file, which asks first whether the file is there.
			return catalog.ENOTFOUND, ""
		}
		return "", ""
	}
	var netErr net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return catalog.EUNAVAILABLE, timeoutMessage
	case errors.As(err, &netErr), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return catalog.EUNAVAILABLE, unreachableMessage
	}
	return "", ""
}

// The messages of classify that startupError tells apart.
const (
	credentialMessage  = "对象存储拒绝访问（访问密钥或权限配置有误），%s；请联系管理员检查 EVIDENCE_S3_ACCESS_KEY 和 EVIDENCE_S3_SECRET_KEY"
	timeoutMessage     = "对象存储响应超时（S3 服务无应答），%s；请稍后重试或联系管理员"
	unreachableMessage = "对象存储不可用（S3 服务无法连接），%s；请稍后重试或联系管理员"
)

// credentialCodes are the S3 error codes that mean the access key, its
// secret or its rights are wrong, whatever HTTP status came with them:
// AWS's codes and the ones Versity Gateway and MinIO add.
var credentialCodes = map[string]bool{
	"AccessDenied":                 true,
	"InvalidAccessKeyId":           true,
	"SignatureDoesNotMatch":        true,
	"XAdminUserNotFound":           true,
	"InvalidToken":                 true,
	"ExpiredToken":                 true,
	"AuthorizationHeaderMalformed": true,
	"AccountProblem":               true,
}

// consequence tells the user what did not happen, which is what they need to
// know to decide whether to try again.
func consequence(op string) catalog.Words {
	switch op {
	case "put":
		return catalog.Words{Chinese: "文件未保存", English: "the file was not saved"}
	case "delete":
		return catalog.Words{Chinese: "文件未删除", English: "the file was not deleted"}
	case "open bucket", "create bucket", "remove bucket":
		return catalog.Words{Chinese: "无法使用文件存储", English: "files cannot be stored or read"}
	default:
		return catalog.Words{Chinese: "暂时无法读取文件", English: "files cannot be read for now"}
	}
}
