package catalog

import "fmt"

// englishMessages are the English of user-facing messages, keyed by the
// Chinese format they are written with (Errorf's format, as in the code),
// so that the English pages read them in English (MessageIn). A message
// without an entry is shown in Chinese on both. Each English format takes
// the same arguments in the same order (TestEnglishMessagesTakeTheSameArguments),
// and each key is a format the code uses (TestEnglishMessagesAreUsed).
var englishMessages = map[string]string{
	"文件“%s”超过上传上限 %s;请压缩或拆分后再上传":                              "The file “%s” is over the upload limit of %s; compress or split it, then upload it again",
	"文件“%s”没有传完整(传输在中途中断);请重新上传":                              "The file “%s” did not arrive whole (the transfer was cut off); upload it again",
	"文件为空;请检查文件后重新上传":                                         "The file is empty; check it and upload it again",
	"没有收到文件;请选择要上传的文件":                                        "No file was received; choose the files to upload",
	"请选择文件类型(如政策文件、工作总结)":                                     "Choose the type of document (such as policy document or work summary)",
	"只有协调员、部门联系人和管理员可以上传材料":                                   "Only coordinators, department contributors and administrators can upload documents",
	"只有本市协调员或管理员可以上传该城市的材料":                                   "Only the city's coordinator or an administrator can upload documents for this city",
	"文件已加密(设置了打开密码),无法读取其中的文字;请在 Word、Excel 或 WPS 中取消密码后重新上传": "The file is encrypted (it has an opening password), so its text cannot be read; remove the password in Word, Excel or WPS and upload it again",
	"PDF 文件已加密(设置了打开密码),无法提取文字;请去除密码后重新上传":                    "The PDF is encrypted (it has an opening password), so its text cannot be extracted; remove the password and upload it again",
	"PDF 文件已损坏或不完整,无法读取;请用 PDF 阅读器打开检查,重新导出或重新上传完整的文件":        "The PDF is damaged or incomplete and cannot be read; open it in a PDF reader to check, export it again or upload the whole file",
	"PDF 中的文字无法正确解码,读出的是乱码(字体缺少编码映射或映射有误,也可能是文件已损坏);请从 Word、WPS 等原软件重新导出 PDF,或上传 Word 原件": "The PDF's text cannot be decoded: what it yields is gibberish (a font lacks its character map or has a wrong one, or the file is damaged); export the PDF again from Word, WPS or the program that made it, or upload the Word original",
	"PDF 中没有可提取的文字(可能是扫描件,需要 OCR);请上传含文字层的 PDF 或 Word 原件":                                 "The PDF has no text to extract (it may be a scan that needs OCR); upload a PDF with a text layer or the Word original",
	"文件内容已损坏或格式不正确,无法提取文字;请用原软件打开检查,重新导出后上传":                                              "The file is damaged or not in the right format, so its text cannot be extracted; open it in the program that made it, export it again and upload that",
	"文件中没有可提取的文字(可能只包含图片或是空白文档);请上传含文字的文件":                                                "The file has no text to extract (it may hold only pictures, or be blank); upload a file with text",
	"文件扩展名是 %s,但内容不是%s;请检查文件是否损坏或上传了错误的文件(检测到的内容:%s)":                                     "The file's extension is %s but its content is not %s; check whether the file is damaged or the wrong one (content found: %s)",
	"文本编码无法识别:既不是 UTF-8 也不是 GB18030/GBK;请另存为 UTF-8 后重新上传":                                 "The text encoding is not recognised: neither UTF-8 nor GB18030/GBK; save it as UTF-8 and upload it again",
	"暂不支持该文件格式;%s,请另存为其中一种格式后重新上传":                                                        "This file format is not supported yet; %s. Save it in one of these formats and upload it again",
	"提取文字超时(超过 %s),文件可能过大或已损坏;请拆分文件或重新导出后上传":                                              "Extracting the text took too long (over %s); the file may be too large or damaged. Split it or export it again, then upload it",
	"提取出的文字超过 %s 上限,已停止处理;请将文件拆分后分别上传":                                                    "The extracted text is over the limit of %s, so reading stopped; split the file and upload the parts",
	"图片文件已损坏或格式不正确,无法识别文字;请重新扫描或导出为 JPEG、PNG 或 TIFF 后上传":                                  "The image is damaged or not in the right format, so its text cannot be recognised; scan it again or export it as JPEG, PNG or TIFF",
	"扫描件的每一页都是空白,没有可识别的文字;请检查扫描时是否放反或漏放了纸张,重新扫描后上传":                                       "Every page of the scan is blank, with no text to recognise; check that the paper was not upside down or missing, scan it again and upload it",
	"上传的文件与原件完全相同;请选择另一个文件,或点“重新读取”":                                                      "The file uploaded is the same as the original; choose another file, or click “Read again”",
	"提交的内容超过上限(%s);请减少文件数量或大小后重试":                                                         "What was sent is over the limit (%s); send fewer or smaller files",
	"无法识别日期“%s”;请写成 2018-03-20、2018年3月20日、2018.3.20 或 2018/3/20":                          "The date “%s” is not recognised; write it as 2018-03-20, 2018年3月20日, 2018.3.20 or 2018/3/20",
	"日期“%s”不存在;请检查月和日":                                                                    "The date “%s” does not exist; check the month and the day",
	"监测轮次应为年份(如 2017),收到“%s”":                                                             "The monitoring round should be a year (such as 2017), not “%s”",
	"监测轮次 %d 不存在":                                "There is no monitoring round %d",
	"年份应为四位数字\uFF0C收到 %q":                        "The year should be four digits, not %q",
	"检索式过长(超过 %d 字),请精简后再试":                      "The query is too long (over %d characters); shorten it and try again",
	"检索词过多(超过 %d 个),请精简后再试":                      "The query has too many words (over %d); shorten it and try again",
	"“%s”中没有可检索的文字(只有标点或符号)":                     "“%s” has no words to search for (only punctuation or symbols)",
	"OR 两边都需要检索词(如:学分银行 OR 学习成果认证)":              "OR needs a word on each side (such as 学分银行 OR 学习成果认证)",
	"减号后需要紧跟要排除的词(如:-征求意见稿)":                     "A minus sign must be followed by the word to leave out (such as -征求意见稿)",
	"引号中没有内容":                                    "There is nothing between the quotation marks",
	"定性描述不能为空":                                   "The statement cannot be empty",
	"定性描述过长(超过 %d 字)":                            "The statement is too long (over %d characters)",
	"定性描述至少需要一条佐证引用:请选择佐证材料、页码并填写引文":             "A statement needs at least one citation: choose a supporting document and a page, and enter the quote",
	"定性描述只能针对关键指标(三级指标);%s %s 是%d级指标":            "A statement can only be made for a key (third-level) indicator; %s %s is a level-%d indicator",
	"请选择关键指标":                                    "Choose a key indicator",
	"请选择城市":                                      "Choose a city",
	"请选择引用的文档":                                   "Choose the document cited",
	"请填写引用的原文":                                   "Enter the words quoted from the document",
	"请填写引用的原文(含该数字的一句话)":                         "Enter the words quoted from the document (a sentence with the number)",
	"引文过长(超过 %d 字)":                              "The quote is too long (over %d characters)",
	"引用过多(超过 %d 条)":                              "Too many citations (over %d)",
	"页码 %d 不存在:《%s》共 %d 页":                       "There is no page %d: “%s” has %d pages",
	"页码 %d 超出范围:文档共 %d 页":                        "Page %d is out of range: the document has %d pages",
	"页码应为数字，收到 %q":                               "The page should be a number, not %q",
	"《%s》属于其他城市,不能作为本市定性描述的佐证材料":                 "“%s” belongs to another city and cannot support this city's statement",
	"《%s》属于其他城市,不能作为本市数值的出处":                     "“%s” belongs to another city and cannot be the source of this city's value",
	"退回定性描述时请写明理由,以便协调员补充或修改":                    "Give a reason when sending a statement back, so that the coordinator can add to it or change it",
	"无法识别数值 %q;请填写如 123000、12.3万、1,234 或 85.3%%": "The value %q is not recognised; write it like 123000, 12.3万, 1,234 or 85.3%%",
	"请填写数值,如 123000、12.3万 或 85.3%%":              "Enter a value, such as 123000, 12.3万 or 85.3%%",
	"请选择定量关键指标":                                  "Choose a quantitative key indicator",
	"只能关联到关键指标(三级指标);%s %s 是%d级指标":               "Documents can only be linked to key (third-level) indicators; %s %s is a level-%d indicator",
	"指标编码 %q 不在当前指标体系中":                          "The indicator code %q is not in the current framework",
	"指标 %q 不在当前指标体系中":                            "The indicator %q is not in the current framework",
	"引文或备注过长(超过 2000 字)":                         "The quote or note is too long (over 2000 characters)",
	"文档 %s 已关联指标 %s":                             "The document %s is already linked to indicator %s",
	"表单已过期或缺少安全令牌(CSRF);请刷新页面后重试":                "The form has expired or lacks its security token (CSRF); reload the page and try again",
	"表单数据不完整,请刷新页面后重新提交":                         "The form arrived incomplete; reload the page and send it again",
	"登录已过期,请重新登录":                                "Your session has expired; log in again",
	"用户名或密码错误":                                   "Wrong user name or password",
	"只有管理员可以使用管理页面":                              "Only administrators can use the admin page",
	"只有管理员可以删除文档":                                "Only administrators can delete documents",
	"只有本市协调员或管理员可以修改该城市的材料、指标关联和定性描述":            "Only the city's coordinator or an administrator can change its documents, links and statements",
	"内部错误,已记录日志;请稍后重试或联系管理员":                     "Internal error, logged; try again later or contact the administrator",
	"本系统未安装读取%s所需的程序 %s;请管理员安装 Debian 软件包 %s(apt-get install %s)后重试": "The program this archive needs to read %s (%s) is not installed; ask the administrator to install the Debian package %s (apt-get install %s), then try again",
}

// EnglishOf is the English of a message written with the Chinese format
// and args, or "" when it has none.
func EnglishOf(format string, args ...any) string {
	en, ok := englishMessages[format]
	if !ok {
		return ""
	}
	return fmt.Sprintf(en, args...)
}
