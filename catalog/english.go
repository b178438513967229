package catalog

import (
	"errors"
	"fmt"
	"slices"
)

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
	"暂不支持该文件格式;%s,请另存为其中一种格式后重新上传":                                                        "The archive cannot read this file format yet; %s. Save it in one of these formats and upload it again",
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
	"请填写引文所在的页码":                                 "Enter the page the quote is on",
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
	// The web pages' own messages: refusals, forms, pages not found.
	"只有协调员和管理员可以上传材料":                "Only coordinators and administrators can upload documents",
	"只有协调员和管理员可以撰写定性描述":              "Only coordinators and administrators can write statements",
	"只有本市协调员和管理员可以管理责任分解":            "Only the city's coordinator and administrators can manage its responsibilities",
	"“我的任务”是部门联系人的页面;协调员请使用“责任分解”页面": "“My tasks” is the departments' page; coordinators use the “Responsibilities” page",
	"只有协调员和管理员可以填报数值":                "Only coordinators and administrators can record values",
	"只有本市协调员和管理员可以结转和确认上一轮的内容":       "Only the city's coordinator and administrators can carry over and confirm what the previous round held",
	"只有专家、审核专家和管理员可以添加批注":            "Only experts, reviewers and administrators can add notes",
	"只有协调员和管理员可以批量修改文档":              "Only coordinators and administrators can change documents in bulk",
	"只有管理员和本市协调员可以删除文档":              "Only administrators and the city's coordinator can delete documents",
	"只有管理员可以把文档移到其他城市":               "Only administrators can move documents to another city",
	"只有协调员和管理员可以重新读取或替换处理失败的文档":      "Only coordinators and administrators can read a failed document again or replace it",
	"没有这个页面:%s":                     "There is no page %s",
	"年份应为四位数字,如 2018":               "The year should be four digits, such as 2018",
	"请选择指标体系文件(.yaml、.xlsx 或 .csv)": "Choose a framework file (.yaml, .xlsx or .csv)",
	"请选择要提交的文件":                     "Choose the files to hand in",
	"请选择责任分解表文件(.xlsx 或 .csv)":      "Choose a responsibility table (.xlsx or .csv)",
	"请选择要结转到的监测轮次(年份)":              "Choose the monitoring round (year) to carry over into",
	"请选择用来替换原件的文件":                  "Choose the file to replace the original with",
	"页码应为数字,如 3":                    "The page should be a number, such as 3",
	"监测轮次应为四位年份,如 2018":             "The monitoring round should be a four-digit year, such as 2018",
	"轮次应为逗号分隔的年份,如 2017,2019":       "The rounds should be years separated by commas, such as 2017,2019",
	"表单字段过多(最多 %d 个)":               "The form has too many fields (at most %d)",
	"表单字段合计过长(最多 %s)":               "The form's fields are too long together (at most %s)",
	// Objects not found, and forms of the admin page, documents, claims and assignments.
	"文档 %s 不存在":   "There is no document %s",
	"定性描述 %s 不存在": "There is no statement %s",
	"用户 %q 不存在":   "There is no user %q",
	"任务 %s 不存在":   "There is no assignment %s",
	"引号不配对:短语需要用一对引号括起来(如:\"学分银行\")": "The quotation marks do not pair: a phrase goes between a pair of them (such as \"学分银行\")",
	"请选择要移入的城市": "Choose the city to move them into",
	"这是定性描述唯一的佐证引用,不能删除;请先添加另一条引用": "This is the statement's only citation and cannot be removed; add another citation first",
	"部门名称不能为空": "The department's name cannot be empty",
	"部门联系人必须指定所属城市和部门(责任单位),如城市 330100(杭州)、部门“市教育局”": "A department contributor needs a city and a department (责任单位), such as city 330100 (Hangzhou) and department “市教育局”",
	"只有审核专家(reviewer)可以限定城市列表 cities":                "Only reviewers can be limited to a list of cities",
	"城市代码应为 6 位 GB/T 2260 行政区划代码(如 320100),收到 %q":    "The city code should be a 6-digit GB/T 2260 administrative division code (such as 320100), not %q",
	"缺少城市名称":      "The city's name is missing",
	"监测轮次 %d 已存在": "The monitoring round %d already exists",
	"截止日期 %q 无法识别,应为 YYYY-MM-DD(如 2018-03-31)": "The due date %q is not recognised; write it as YYYY-MM-DD (such as 2018-03-31)",
	// Why a document failed (stored with it, Document.ErrorEnglish).
	"%s失败(内部错误,已记录日志);可重新上传同一文件重试,或联系管理员":                                            "%s failed (internal error, logged); upload the same file again to retry, or contact the administrator",
	"处理了 %d 次仍未完成(处理程序中途退出),请检查文件是否损坏后重新上传":                                          "Reading was tried %d times without finishing (the reader stopped midway); check whether the file is damaged, then upload it again",
	"服务器未安装%s,无法识别该文件中的文字;请管理员安装 Debian 软件包 %s 后重试(evidence retry 或重新上传)":            "The server lacks %s, so the text in this file cannot be recognised; ask the administrator to install the Debian packages %s, then try again (evidence retry, or upload it again)",
	"%s解压后超过 %s 上限(可能是压缩炸弹),已拒绝处理":                                                   "%s is over the limit of %s once unzipped (it may be a zip bomb), so it was refused",
	"%s已损坏,无法打开或解析;请用原软件打开后重新导出再上传":                                                  "%s is damaged and cannot be opened or parsed; open it in the program that made it, export it again and upload that",
	"%s中含有 DOCTYPE 或外部实体声明,出于安全原因拒绝处理;请用原软件重新导出后上传":                                  "%s contains a DOCTYPE or external entity declaration and was refused for safety; export it again from the program that made it and upload that",
	"CSV 表格格式有误,无法读取;请用 Excel 或 WPS 打开后另存为 XLSX 再上传":                                 "The CSV table is malformed and cannot be read; open it in Excel or WPS, save it as XLSX and upload that",
	"DOCX 文件中缺少正文(word/document.xml),可能已损坏或不是 Word 文档;请用 Word 或 WPS 打开后另存为 DOCX 再上传": "The DOCX file has no body (word/document.xml); it may be damaged or not a Word document. Open it in Word or WPS, save it as DOCX and upload that",
	"DOCX 文件已损坏,无法打开或解析;请用 Word 或 WPS 打开后另存为 DOCX 再上传":                               "The DOCX file is damaged and cannot be opened or parsed; open it in Word or WPS, save it as DOCX and upload that",
	"DOCX 解压后超过 %s 上限(可能是压缩炸弹),已拒绝处理":                                                "The DOCX file is over the limit of %s once unzipped (it may be a zip bomb), so it was refused",
	"图片文件超过 %s 上限;请降低分辨率或拆分后上传":                                                      "The image is over the limit of %s; lower its resolution or split it, then upload it",
	"TIFF 文件的页数(帧数)超过 %d 页上限,可能是异常文件;请拆分后分别上传":                                       "The TIFF file has more than %d pages (frames), which is unusual; split it and upload the parts",
	"Word 文件(.doc/.wps)已损坏,无法读取;请用 Word 或 WPS 打开后另存为 DOCX 或 PDF 再上传":                 "The Word file (.doc/.wps) is damaged and cannot be read; open it in Word or WPS, save it as DOCX or PDF and upload that",
	"图片尺寸过大(%d×%d 像素,超过 %s像素上限),可能是异常文件;请以 300 dpi 左右重新扫描或缩小后上传":                     "The image is too large (%d×%d pixels, over the limit of %s pixels), which is unusual; scan it again at about 300 dpi or make it smaller, then upload it",
	"文字识别(OCR)单页超时(超过 %s),已停止处理;请检查扫描件是否清晰、页面是否异常,或降低分辨率后重新上传":                       "Recognising the text of a page (OCR) took too long (over %s), so reading stopped; check that the scan is clear and its pages normal, or lower its resolution, then upload it again",
	"需要文字识别(OCR)的页数为 %d 页,超过每个文件 %d 页的上限;请拆分后分别上传":                                   "%d pages need OCR, over the limit of %d pages a file; split the file and upload the parts",
	"ODT 文档中缺少正文(content.xml),可能已损坏;请用 WPS 或 LibreOffice 打开后另存为 DOCX 再上传":            "The ODT document has no body (content.xml) and may be damaged; open it in WPS or LibreOffice, save it as DOCX and upload that",
	"OFD 文件中缺少 OFD.xml,可能已损坏或不是 OFD 文件;请用 OFD 阅读器打开后重新导出再上传":                         "The OFD file lacks OFD.xml; it may be damaged or not an OFD file. Open it in an OFD reader, export it again and upload that",
	"OFD 文件的 OFD.xml 中没有文档(DocRoot),可能已损坏;请用 OFD 阅读器打开后重新导出再上传":                      "The OFD file's OFD.xml names no document (DocRoot), so it may be damaged; open it in an OFD reader, export it again and upload that",
	"OFD 文件中缺少文档描述 %s,可能已损坏;请用 OFD 阅读器打开后重新导出再上传":                                    "The OFD file lacks its document description %s and may be damaged; open it in an OFD reader, export it again and upload that",
	"OFD 文件超过 %d 页,已停止处理;请拆分后上传":                                                     "The OFD file has more than %d pages, so reading stopped; split it and upload the parts",
	"OFD 页面图片缺失":            "An image of an OFD page is missing",
	"OFD 页面图片的格式(%s)无法识别文字": "The text of an OFD page image in the format %s cannot be recognised",
	"暂不支持旧版 PowerPoint 演示文稿(.ppt);请另存为 PPTX 或 PDF 后上传":                                    "Old PowerPoint presentations (.ppt) are not supported yet; save it as PPTX or PDF and upload that",
	"无法识别的旧版 Office 文件:其中既没有 Word 文档也没有 Excel 工作簿;请用原软件打开后另存为 DOCX、XLSX 或 PDF 再上传":        "An old Office file that cannot be recognised: it holds neither a Word document nor an Excel workbook; open it in the program that made it, save it as DOCX, XLSX or PDF and upload that",
	"旧版 Office 文件(.doc/.xls/.wps)已损坏,无法读取;请用 Word、Excel 或 WPS 打开后另存为 DOCX、XLSX 或 PDF 再上传": "The old Office file (.doc/.xls/.wps) is damaged and cannot be read; open it in Word, Excel or WPS, save it as DOCX, XLSX or PDF and upload that",
	"PPTX 文件中缺少 ppt/presentation.xml,可能已损坏或不是演示文稿;请用 PowerPoint 或 WPS 打开后另存为 PPTX 再上传":    "The PPTX file lacks ppt/presentation.xml; it may be damaged or not a presentation. Open it in PowerPoint or WPS, save it as PPTX and upload that",
	"演示文稿超过 %d 张幻灯片,已停止处理;请拆分后上传":                                                         "The presentation has more than %d slides, so reading stopped; split it and upload the parts",
	"RTF 文档格式有误,无法读取;请用 Word 或 WPS 打开后另存为 DOCX 再上传":                                       "The RTF document is malformed and cannot be read; open it in Word or WPS, save it as DOCX and upload that",
	"读取该文件的进程被系统强制结束(多半是服务器内存不足),文件本身未必有问题;请稍后点“重试”,若再次失败请联系管理员":                          "The process reading this file was stopped by the system (most likely the server ran out of memory); the file itself may be fine. Click “Retry” later, and contact the administrator if it fails again",
	"文件结构异常复杂,读取时超出内存上限(%s),已停止处理;请用原软件打开检查,重新导出后上传":                                      "The file's structure is unusually complex: reading it went over the memory limit (%s), so it stopped. Open it in the program that made it to check it, export it again and upload that",
	"表格的单元格超过 %d 个上限(可能是异常文件),已停止处理;请删除空行空列或拆分后上传":                                        "The table has more than %d cells (it may be an unusual file), so reading stopped; delete empty rows and columns or split it, then upload it",
	"Excel 97–2003 表格(.xls)超过 %s 上限;请另存为 XLSX 或拆分后上传":                                     "The Excel 97–2003 workbook (.xls) is over the limit of %s; save it as XLSX or split it, then upload it",
	"Excel 97–2003 表格(.xls)已损坏,无法读取;请用 Excel 或 WPS 打开后另存为 XLSX 再上传":                       "The Excel 97–2003 workbook (.xls) is damaged and cannot be read; open it in Excel or WPS, save it as XLSX and upload that",
	"文档处理失败,没有可用的文字:%s":                                                                   "The document failed, so it has no text to use: %s",
	"OFD 文件只含扫描图片,需要文字识别(OCR)才能读取,但识别失败:%s;请安装文字识别组件后重试,或上传含文字的版本":                        "The OFD file holds only scanned images and needs OCR to be read, but recognition failed: %s; install the OCR programs and try again, or upload a version with text",
	// Uploads refused by their content (the values are Words: the kind
	// of file, the formats the archive reads, what to do).
	"暂不支持%s;%s,%s": "This is %s, which the archive cannot read yet; %s. %s",
	// Responsibilities (责任分解): a table's rows, which are the add-a-task
	// form's checks too, the table itself, the board's other forms and
	// the city's list of departments.
	"责任分解表有 %d 行有误,未导入任何一行;请改正后重新导入:\n%s": "Rows with mistakes in the responsibility table: %d. Nothing was imported; correct them and import it again:\n%s",
	"指标编码为空": "The indicator code is empty",
	"%s %s 是%d级指标,只能分解关键指标(三级指标)": "%s %s is a level-%d indicator; only key (third-level) indicators are assigned to departments",
	"责任单位为空":     "The department is empty",
	"截止日期为空":     "The due date is empty",
	"联系人超过 %d 字": "The contact is over %d characters",
	"与第 %d 行重复(同一指标、同一责任单位)":   "Repeats row %d (the same indicator and department)",
	"缺少城市代码 city(如 330100 杭州)": "The city code (city) is missing, such as 330100 for Hangzhou",
	"只能管理本市(%s)的责任分解":          "You can only manage the responsibilities of your own city (%s)",
	"表格为空":                     "The table is empty",
	"表头缺少 %s(%s)列;第一行应为:指标编码、责任单位、截止日期、联系人": "The table's header has no %s column (%s); the first row should read: indicator, department, due, contact",
	"表格中没有任务行;第一行是表头,从第二行起每行一项任务":           "The table has no task rows; the first row is the header, and each row after it is one task",
	"只有本市协调员或管理员可以导入、修改、退回或确认责任分解任务":        "Only the city's coordinator or an administrator can import, change, return or accept its tasks",
	"退回时请写明原因,部门联系人会看到它":                    "Give a reason for returning it; the department's contact will see it",
	"退回原因不能超过 %d 字":                         "The reason can be at most %d characters",
	"任务当前为“%s”,只有“已提交”的任务可以退回或确认":           "The task is %s; only a submitted task can be returned or accepted",
	"只有该任务的责任部门、本市协调员或管理员可以为它提交材料":          "Only the task's department, the city's coordinator or an administrator can hand in documents for it",
	"该任务已确认,不能再提交材料;如需补充请联系本市协调员":           "This task is accepted and takes no more documents; to add to it, contact the city's coordinator",
	"本市部门名单中没有 %q;请先在部门名单中添加":               "The city's list of departments has no %q; add it to the list first",
	"按部门筛选时请同时指定城市 city":                    "To filter by department, give the city (city) too",
	"请指定城市(参数 city,如 330100)":               "Give the city (the parameter city, such as 330100)",
	"本市没有部门 %q": "The city has no department %q",
	"部门“%s”已在本市部门名单中(与“%s”视为同一部门)":                                       "The department “%s” is already in the city's list (“%s” is taken to be the same)",
	"部门“%s”还有 %d 项责任分解任务,不能删除;请先把任务改派给其他部门":                              "The department “%s” still has %d tasks and cannot be deleted; assign them to other departments first",
	"未知的任务状态 %q;可选:open(未提交)、submitted(已提交)、returned(已退回)、accepted(已确认)": "Unknown task status %q; choose open, submitted, returned or accepted",
	// Values (数值): the value form, its units, reviews and the ledger.
	"缺少城市代码 city": "The city code (city) is missing",
	"只有定量关键指标可以填报数值;%s %s 不是定量指标":                 "Only quantitative key indicators take values; %s %s is not a quantitative indicator",
	"引用的文档 %q 不存在;请从文档页面选取出处":                     "The document %q cited does not exist; choose the source from a document's page",
	"文档《%s》还没有可用的文字(%s),暂不能引用":                    "The document “%s” has no text to use yet (%s), so it cannot be cited",
	"数值写成了百分数,单位却是 %q;请统一":                        "The value is written as a percentage but its unit is %q; make them agree",
	"指标 %s %s 是比例(%%),不能用 %q 作单位;请填写百分比,如 85.3%%": "The indicator %s %s is a ratio (%%), so %q cannot be its unit; write a percentage, such as 85.3%%",
	"单位 %q 与指标 %s %s 的单位 %q 不符":                   "The unit %q does not fit the indicator %s %s, whose unit is %q",
	"value 应为数字或如 \"12.3万\" 的文字":                  "value should be a number or text such as \"12.3万\"",
	"只有审核专家可以给出审核结论":                              "Only reviewers can give a verdict",
	"不能审核自己填报的数值":                                 "You cannot review a value you recorded yourself",
	"退回数值时请写明理由(comment),以便协调员补充或修改":              "Give a reason (comment) when sending a value back, so that the coordinator can add to it or change it",
	"审核意见过长(超过 %d 字)":                             "The comment is too long (over %d characters)",
	"数值已审核(%s),需协调员修改后才能再次审核":                     "The value has been reviewed (%s); the coordinator must change it before it can be reviewed again",
	"指标 %s 与第 %d 行重复":                             "The indicator %s repeats row %d",
	"台账有 %d 行有误,未导入任何数值:\n%s":                     "Rows with mistakes in the ledger: %d. No value was imported:\n%s",
	"台账中没有数值行":                                    "The ledger has no rows of values",
	"无法读取台账:请上传 XLSX 文件":                          "The ledger cannot be read; upload an XLSX file",
	"无法读取台账工作表 %s":                                "The ledger's sheet %s cannot be read",
	"台账是空的":                                       "The ledger is empty",
	"台账超过 %d 行":                                   "The ledger has more than %d rows",
	"台账缺少列 %s;表头应为 指标编码、数值、单位、文档编号、页码、引文":         "The ledger lacks the column %s; the header should read indicator, value, unit, document_id, page, quote",
	// Retrying and replacing failed documents, the upload queue, page thumbnails.
	"只有处理失败的文档可以重新读取;该文档%s":                                 "Only a document that failed can be read again; this one %s",
	"只有处理失败的文档可以替换原件;该文档%s":                                 "Only a document that failed can have its original replaced; this one %s",
	"只有处理失败的文档可以替换原件":                                       "Only a document that failed can have its original replaced",
	"本市档案中已有同一文件“%s”;无需替换,可删除这一份":                           "The city's archive already holds the same file “%s”; there is nothing to replace, and this one can be deleted",
	"这份文档刚刚已被重新读取或替换;请刷新页面查看":                               "This document was just read again or replaced; reload the page to see it",
	"服务器正在处理的上传较多,等候%s仍未轮到;文件没有保存,请稍后重新上传":                  "The server is busy with other uploads and this one's turn did not come within%s; the file was not saved, so upload it again later",
	"没有收到文件;请在字段 file 中选择替换的文件":                             "No file was received; choose the replacement in the field file",
	"这类文件(%s)没有页面缩略图":                                       "Files of this type (%s) have no page thumbnails",
	"页码和尺寸必须是正整数":                                           "The page and the size must be positive whole numbers",
	"本系统未安装 pdftoppm(Debian 软件包 poppler-utils),PDF 没有页面缩略图": "pdftoppm (the Debian package poppler-utils) is not installed, so PDFs have no page thumbnails",
	"第 %d 页的缩略图在 %s 内没有画完":                                  "The thumbnail of page %d was not drawn within %s",
	"第 %d 页没有可显示的缩略图":                                       "Page %d has no thumbnail to show",
	"文档%s还没有读取完成\uFF0C没有页面缩略图":                              "The document %s has not been read yet, so it has no page thumbnails",
	"文档 %s 没有第 %d 页":                                        "The document %s has no page %d",
	"页码应为正整数,收到 %.20q":                                      "The page should be a positive whole number, not %.20q",
	"文档还在处理中,文字尚未提取;请稍后再试":                                  "The document is still being processed and its text is not extracted yet; try again later",
	// Statements, notes, saved searches, documents changed in bulk, moved or deleted, uploads for a task.
	"《%s》还没有可用的文字(%s),暂不能引用":                                           "“%s” has no text to use yet (%s), so it cannot be cited",
	"定性描述已审核(%s),需协调员修改后才能再次审核":                                        "The statement has been reviewed (%s); the coordinator must change it before it can be reviewed again",
	"不能审核自己撰写的定性描述":                                                    "You cannot review a statement you wrote yourself",
	"这条定性描述已撤回,无需审核":                                                   "This statement was withdrawn and needs no review",
	"这条定性描述已撤回,不能再修改":                                                  "This statement was withdrawn and can no longer be changed",
	"只有本市协调员或管理员可以撤回定性描述":                                              "Only the city's coordinator or an administrator can withdraw a statement",
	"撤回原因不超过 %d 字":                                                     "The reason for withdrawing can be at most %d characters",
	"协调员只能为本市(%s)撰写定性描述":                                               "A coordinator can only write statements for their own city (%s)",
	"只有本市协调员或管理员可以撰写和修改定性描述":                                           "Only the city's coordinator or an administrator can write and change statements",
	"定性描述没有第 %d 条引用":                                                   "The statement has no citation %d",
	"没有其他待审核的定性描述":                                                     "There is no other statement waiting for review",
	"status 应为 pending、verified、insufficient、contradicted 或 withdrawn": "status should be pending, verified, insufficient, contradicted or withdrawn",
	"这条定性描述已经撤回":                                                       "This statement has already been withdrawn",
	"这条定性描述已审核属实,不能撤回":                                                 "This statement was reviewed as verified and cannot be withdrawn",
	"这条定性描述已撤回，不能再修改或审核":                                               "This statement was withdrawn and can no longer be changed or reviewed",
	"未知的审核结论“%s”;请选择属实、证据不足或与证据矛盾(API 中为 verified、insufficient、contradicted)": "Unknown verdict “%s”; choose verified, insufficient or contradicted",
	"只有专家、审核专家和管理员可以查看和添加批注":                                                  "Only experts, reviewers and administrators can see and add notes",
	"批注内容不能为空":                "The note cannot be empty",
	"批注内容不超过 %d 字":            "The note can be at most %d characters",
	"引文不超过 %d 字":              "The quote can be at most %d characters",
	"页码 %d 超出范围:该文档共 %d 页":    "Page %d is out of range: the document has %d pages",
	"批注引文时请同时给出页码 page":       "Give the page (page) when a note quotes the document",
	"请用 author 指定批注人的用户名":     "Give the user name of the notes' author in author",
	"请给检索起一个名称":               "Give the search a name",
	"名称不超过 %d 字":              "The name can be at most %d characters",
	"检索词不超过 %d 字":             "The query can be at most %d characters",
	"请输入检索词或选择筛选条件后再保存":       "Enter a query or choose filters before saving",
	"只有专家和管理员可以把检索加入指标的检索方案":  "Only experts and administrators can add a search to an indicator's search plan",
	"只有保存者本人或管理员可以删除这条检索":     "Only whoever saved this search or an administrator can delete it",
	"保存的检索 %s 不存在":            "There is no saved search %s",
	"没有选择文档;请先勾选要修改的文档":       "No document was chosen; tick the documents to change first",
	"一次最多修改 %d 份文档,选择了 %d 份":  "At most %d documents can be changed at once; %d were chosen",
	"只有协调员和管理员可以修改文档":         "Only coordinators and administrators can change documents",
	"没有要修改的内容;请填写至少一项或选择一个指标": "There is nothing to change; fill in at least one field or choose an indicator",
	"这份文档已被 %d 处定性描述或数值引用\uFF0C删除后它们要重新审核\uFF1B请联系管理员删除": "This document is cited %d times by statements or values, which would need reviewing again once it is deleted; ask an administrator to delete it",
	"目标城市已有同一文件,不能移过去;请删除这一份":                            "The city to move it into already holds the same file, so it cannot be moved; delete this one",
	"这份文档被本市的 %d 条数值和 %d 项任务交付引用,不能移到其他城市;请先删除这些数值或退回任务": "This document is the source of %d of the city's values and was handed in for %d tasks, so it cannot be moved to another city; delete those values or return the tasks first",
	"文档 %s 不是 %s 的相近版本":    "The document %s is not a near version of %s",
	"没有被引用的原件 %s":          "There is no cited original %s",
	"文档 %q 不存在":            "There is no document %q",
	"关联 %s 不存在":            "There is no link %s",
	"数值 %s 不存在":            "There is no value %s",
	"标题不能为空":               "The title cannot be empty",
	"字段过长(超过 %d 字):%.20s…": "A field is too long (over %d characters): %.20s…",
	"部门联系人只能针对本部门的任务提交材料;请在“我的任务”中选择任务后上传": "Department contributors hand documents in for their department's tasks only; choose the task in “My tasks” and upload there",
	"本系统未启用责任分解任务":                "This archive does not use responsibility tasks",
	"这项任务属于另一个城市(%s),上传的城市应与任务一致": "This task belongs to another city (%s); upload for the task's city",
	"部门联系人只能在“我的任务”中针对本部门的任务提交材料,不能修改材料、指标关联和定性描述": "Department contributors only hand documents in for their department's tasks in “My tasks”; they cannot change documents, links or statements",
	"该部门在本轮已有此指标的任务":                                     "The department already has a task for this indicator in this round",
	"任务状态已变化,请刷新后重试":                                     "The task's status has changed; reload the page and try again",
	"部门 %s 不存在":                                          "There is no department %s",
	"本市已有部门与“%s”同名":                                      "The city already has a department named “%s”",
	"未知的城市代码 %q":                                         "Unknown city code %q",
	"请给出要对比的轮次,如 rounds=2017,2019":                       "Give the rounds to compare, such as rounds=2017,2019",
	"不支持的报告格式 %q;可选:xlsx、docx":                           "The report format %q is not supported; choose xlsx or docx",
	"排序方式 %q 无效;可用 relevance、issued、issued_asc、uploaded": "The order %q is not valid; use relevance, issued, issued_asc or uploaded",
	"分页参数超出范围:size 最大 %d,from+size 最大 %d":                "The paging is out of range: size at most %d, from+size at most %d",
	"监测轮次 %d 之前没有轮次,无可结转的内容":                             "There is no round before %d, so there is nothing to carry over",
	"未知的处理方式 %q;可选:confirm(确认沿用)、drop(本轮不再使用);修改请直接编辑定性描述或重新填报数值": "Unknown action %q; choose confirm (keep it) or drop (not used this round); to change something, edit the statement or record the value again",
	"结转记录 %s 不存在":     "There is no carried-over item %s",
	"结转记录 %s 不存在或已处理": "The carried-over item %s does not exist or was handled already",
}

// EnglishOf is the English of a message written with the Chinese format
// and args, or "" when it has none. A Words argument is put in in
// English; one without English leaves the message without English too.
func EnglishOf(format string, args ...any) string {
	en, ok := englishMessages[format]
	if !ok || slices.ContainsFunc(args, func(a any) bool { w, ok := a.(Words); return ok && w.English == "" }) {
		return ""
	}
	return fmt.Sprintf(en, EnglishValues(args)...)
}

// Words is a value of our own put into a message (a program's purpose, a
// step of the pipeline, a kind of file) that reads differently in each
// language: the Chinese message takes Chinese (String), the English
// message English.
type Words struct{ Chinese, English string }

// String is the Chinese, which the Chinese message shows.
func (w Words) String() string { return w.Chinese }

// MessageWords is the message of err (ErrorMessage) in both languages,
// to be put into another message; its English is "" when it has none.
func MessageWords(err error) Words {
	w := Words{Chinese: ErrorMessage(err)}
	var e *Error
	if errors.As(err, &e) {
		w.English = e.English
	}
	return w
}

// EnglishValues is args with each Words put as its English, for the
// English message.
func EnglishValues(args []any) []any {
	var out []any
	for i, a := range args {
		if w, ok := a.(Words); ok {
			if out == nil {
				out = slices.Clone(args)
			}
			out[i] = w.English
		}
	}
	if out == nil {
		return args
	}
	return out
}
