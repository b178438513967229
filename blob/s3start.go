package blob

import (
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// startupError says why NewS3 could not open the bucket to whoever
// starts the command, who is the one person able to mend it: which
// endpoint and bucket were tried, and the one setting that explains the
// failure. The advice translate gives (try later, ask the administrator)
// fits a user mid-upload but leaves an operator at start-up guessing
// between a mistyped port, http against https, and a wrong secret.
func startupError(endpoint, bucket string, secure bool, err error) error {
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		return err
	}
	var start *catalog.Error
	switch code, msg := classify("open bucket", err); {
	case code == "":
		return err
	case msg == credentialMessage:
		start = catalog.Errorf(catalog.EUNAVAILABLE, "对象存储 %s（存储桶 %s）拒绝访问：访问密钥或其权限有误；请检查 EVIDENCE_S3_ACCESS_KEY 和 EVIDENCE_S3_SECRET_KEY，然后重新运行", endpoint, bucket)
	case msg == unreachableMessage || msg == timeoutMessage:
		scheme := "http"
		if secure {
			scheme = "https"
		}
		start = catalog.Errorf(catalog.EUNAVAILABLE, "无法连接对象存储 %s（存储桶 %s，用 %s 连接）；请确认 S3 服务正在运行，EVIDENCE_S3_ENDPOINT 中的地址和端口正确，EVIDENCE_S3_SECURE 与服务相符（1 为 https，0 为 http），然后重新运行", endpoint, bucket, scheme)
	default:
		start = catalog.Errorf(catalog.EUNAVAILABLE, "对象存储 %s（存储桶 %s）无法连接或拒绝访问；请确认 S3 服务正在运行，EVIDENCE_S3_ENDPOINT、EVIDENCE_S3_BUCKET 和访问密钥正确，然后重新运行", endpoint, bucket)
	}
	return fmt.Errorf("%w: %w", start, err)
}
