<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>PreviewDialog</name>
    <message>
      <source>份数：</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打印…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打印预览 — {title}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>补打，原因：{reason}</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>ViewMenu</name>
    <message>
      <source>大字号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>标准字号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>特大字号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>界面语言(&amp;L)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>界面语言将在下次启动时切换。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>视图(&amp;V)</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>Viewfinder</name>
    <message>
      <source>摄像头未打开</source>
      <translation type="unfinished" />
    </message>
  </context>
  <context>
    <name>messages</name>
    <message>
      <source>80mm 热敏纸只用于受理回执，{kind} 请用 A4 纸。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>PSAM 卡不支持该卡片或权限不足，请联系设备管理员。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{day} 的办件编号已用完。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{kind} 不能批量打印。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{level}级服务点的行政区划代码长度不应为{length}位。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{phase}：{bytes_done} / {bytes_total}　批次 {items_done}/{items_total}　已发送 {wire}　{eta}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>{role}无权执行“{operation}”。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{action}”需要填写原因。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{item}”不是个人办理的事项，不能批量导入（每行须有姓名和公民身份号码）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{label}”应为数字。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{label}”应为整数。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{label}”请从以下选项中选择：{options}。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>“{label}”请选择“是”或“否”。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上传办件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上传材料</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>上次同步：{at}　{status}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>下载参保人员花名册</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>下载审核结果</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>下载的服务事项目录包校验不一致，已丢弃。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不支持旧版 Excel 97-2003（.xls）文件：请在 Excel 中“另存为”Excel 工作簿（.xlsx）或 CSV 后再导入。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>不能停用当前登录的账号。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>与第{first_row}行是同一人（公民身份号码重复）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>两次输入的新密码不一致。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>中心端判定请求重复（可能被重放），已拒绝，请稍后重试。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>中心端应答/原因</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>中心端拒绝了本机的签名，请联系中心端核对本服务点的密钥（tongban station show）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>中心端拒绝了请求（{hub_code}）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>中心端没有办件 {ref}。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>中心端没有编码为 {code} 的服务点。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>中心端返回了无法识别的应答（HTTP {status}），请稍后重试。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>中心端：已连接</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>中心端：未设置地址</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>中心端：未连接（{seconds} 秒后重试），数据安全保存在本机</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>中心端：检测中…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>公民身份号码中的出生日期（{value}）不是有效日期。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>公民身份号码前17位应为数字，最后一位为数字或X。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>公民身份号码前6位（{value}）不是有效的行政区划代码。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>公民身份号码应为18位，当前为{length}位。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>公民身份号码校验位不正确，请核对后重新输入。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>内容过长（超过{limit}个字符）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>准备上传…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>出生日期与公民身份号码中的出生日期不一致。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>列“{column}”在文件中出现了两次，请删除重复的列。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>刷新</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件 {case_no} 尚未受理，不能出具受理回执。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件 {case_no} 已{state}，不能再按草稿修改。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件 {case_no} 没有救助对象类别（人员属性），无法核定救助金额。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件 {case_no} 没有申请人信息。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件 {case_no} 没有缺少的材料，无需出具一次性告知书。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件 {case_no} 没有记录不予受理的理由，不能出具不予受理通知书。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件 {case_no} 的“{material}”尚未拍照或上传，没有可导出的页面。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件 {case_no} 的材料清单中没有“{material}”，可用 --list 查看材料代码。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件同步状态（每件最新一次）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件属于其他服务点</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件数</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件状态</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件编号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办件编号格式不正确（应如 522701-007-20261123-0001）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>办理事项</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>医保报销与大病保险报销之和不能大于合规医疗费用。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>医保电子凭证二维码中的省份代码 {province} 无效，请刷新凭证后重扫。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>医保电子凭证二维码含有非数字字符，请刷新凭证后重扫。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>医保电子凭证二维码格式不符（结尾应为 0000），请刷新凭证后重扫。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>医保电子凭证二维码长度不符（{length} 位，应为 {expected} 位），请刷新凭证后重扫。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>医疗救助政策参数文件格式有误：{detail}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>单位编码只能包含字母和数字，最长30位。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>卡内数据格式异常，无法识别。请改用身份证号或电子凭证办理。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>卡内社会保障号码校验未通过，请核对证件。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>卡片无应答。请确认插入的是社保卡、芯片朝上且插到底。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>卡片认证失败，请确认读卡器中的 PSAM 卡与本地区匹配。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>县 {county} 的医疗救助政策没有“{category}”这一救助类别。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>发送时间</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>取消</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>受理信息有{count}处需要更正，请先更正“{first}”。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>合规医疗费用不能大于医疗总费用。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同步(&amp;S)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同步中</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同步中心</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同步中心(&amp;Y)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同步完成：上传 {cases} 件，接收 {accepted}，退回 {rejected}（{at}）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同步对账单 {batch_id}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同步对账单需要 --rows 指定的行数据（JSON 数组）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同步已取消，未传完的数据下次继续（{at}）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同步已暂停</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同步批次</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同步未完成：{error}（{at}）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>同步状态</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>含有无法识别的控制字符，请重新输入该单元格。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>在 {seconds} 秒内未识别到二维码，请将手机屏幕对准摄像头后重试。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>备份文件已损坏（{entry} 校验不通过），不能用于恢复。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>失败（{error}）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>字段有误：{what}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>字段格式应为 KEY=VALUE：{value}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>完成</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>审核不通过需要填写原因。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>审核结果应为 approve、reject、pay 或 complete 之一。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>容缺材料尚未补齐。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>密码至少需要{minimum}位。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>密码输入已取消或超时。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>密码错误，还可尝试 {tries} 次。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>密钥文件 keyring.json 已损坏或与数据库不匹配，请从备份恢复，或联系县医保经办机构。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>密钥文件 {file} 不是有效的 Ed25519 密钥。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>对账行数据无法读取：{path}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>尚未同步过。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>尚未设置中心端地址，请先运行 tongban station enroll --hub 地址。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>尚未选择摄像头，请在“设置”中选择柜台摄像头。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>屏幕由 {login} 锁定，只能由本人或管理员解锁。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已中止</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已发送待确认</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已接收</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已暂停（点“继续”从中断处接着传）</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已由后续批次重发</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已确认</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已读取医保电子凭证（{token}），需联网核验；请同时输入公民身份号码和姓名。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已重新打开为草稿 {case_no}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>已重新排队 {media_requeued} 个材料文件（仍损坏 {media_still_corrupt} 个）；{unanswered} 件待确认的办件将在本次同步中重新发送。被中心端退回的 {rejected_final} 件已重新打开为草稿，须由受理员补正后再次受理。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>当前状态为“{state}”的办件不能执行“{action}”。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>当前经办人没有“数据同步”权限。同步中心只供同步员和管理员使用。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>待上传</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>待上传 {pending} 件　已发送待确认 {sent} 件　已接收 {accepted} 件　被退回 {rejected} 件　待传材料 {media_pending} 个</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>待确认</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>性别与公民身份号码不一致。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>恢复密钥不正确。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>成功</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>所选文件是空的，未保存。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>手机号码应为11位，以1开头。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打印份数应至少为 1（现为 {copies}）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打印失败：打印机未能开始打印。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打印对账单</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>打印记录只能记在已登录的经办人员 {signed_in} 名下，不能记为 {login}。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>扫到的不是医保电子凭证二维码，请让群众打开“医保电子凭证”页面后再扫。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>批次 {batch_id} 的办件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>批次号</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>批量打印一次最多选择 {days} 天。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到可嵌入的中文字体，无法生成文书。请重新安装程序，或设置环境变量 {env} 指向 TrueType 中文字体（如 simsun.ttc）。已查找：{tried}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到文件“{file}”。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到文件：{path}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到服务事项目录文件：{path}。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到读卡器“{reader}”。请检查连线，或改选其他读卡器。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>找不到读卡器厂商的读卡库（{path}），请在站点设置中检查路径。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>摄像头组件不可用（未安装 OpenCV），请联系技术支持。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>摄像头（编号 {index}）已断开，请检查 USB 连接后重新打开。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>摄像头（编号 {index}）正被其他程序占用，请关闭视频会议等程序后重试。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>救助类别 {category} 的救助比例不能大于 100%。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据库文件已损坏，无法打开。请勿删除该文件，请联系县医保经办机构用备份恢复。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据库正被其他程序占用，请稍后重试。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据库由更新版本的医保通办创建（版本 {revision}），请升级本程序后再打开。数据未做任何改动。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据目录中的数据库不是医保通办的数据库，已停止以免损坏数据。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据目录为只读，且数据库需要升级后才能打开。请把数据目录放到可写的磁盘上再打开。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>数据目录为只读，当前只能查看，不能保存。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件中没有数据行（列名行下面是空的）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件无法按{kind}格式读取（文件已损坏或不是{kind}文件）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件是空的，没有可导入的内容。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件缺少必填列：{columns}。请按模板填写。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件超过{limit}行，请分成几个文件导入。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件超过{mb}MB，请分成几个文件导入。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>文件超过{mb}MB，请压缩或分页扫描后再上传。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法写入输出目录：{path}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法识别文件的文字编码：请保存为 UTF-8 或 GBK 编码的 CSV，或 Excel 工作簿（.xlsx）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法读取图像或视频文件：{path}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法读取备份文件 {name}：不是医保通办的备份，或文件不完整。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>无法连接中心端（{detail}），数据已安全保存在本机，网络恢复后将继续同步。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>日期“{value}”无效，请按 年-月-日 输入，如 2026-11-23。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>日期范围有误：结束日期 {last} 早于开始日期 {first}。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>智能卡服务未运行（Windows 的 Smart Card 服务或 Linux 的 pcscd），请启动后重试。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>暂停</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>更换数据密钥前，请先关闭本机所有正在使用本服务点数据的柜台程序和命令。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>服务点编号应为3位数字（由县医保经办机构分配）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未找到办件 {case_no}。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未找到摄像头（编号 {index}），请检查 USB 连接后重试。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未找到经办人员 {login}。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未检测到读卡器。请检查读卡器的 USB 连线，或在设置中选择读卡方式。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>未读到医保电子凭证内容，请重新扫码。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本地配置 {file} 引用了目录中不存在的事项 {item_code}。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本地配置文件 {file} 有误：{detail}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本服务点尚未在中心端登记，请先运行 tongban station enroll --hub 地址。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本服务点尚未设置密码和数据加密，请管理员运行 tongban init --protect。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本服务点已提交登记，正在等待中心端审核通过。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本服务点已设置数据加密。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本服务点数据已加密，请先以经办人员身份登录（--login 登录名，--password-stdin 从标准输入读取密码）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本服务点（{level}级）不能受理“{item}”。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本服务点（{level}级）无权受理“{item}”。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本服务点（{level}级）无权审核“{item}”，请转报上级。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机同步密钥无法读取，请联系管理员。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机尚未初始化服务点，请先运行 tongban init。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机已找不到该办件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机已经初始化过服务点，不能重复初始化。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机时间与中心端相差过大，且自动校正失败，请检查系统时间。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机未配置可信的目录发布方公钥，无法校验目录包。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>本机没有版本为 {version} 的服务事项目录，请先导入该版本的目录包。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>材料已齐全，无需退回补正。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>材料文件 {sha256} 内容已损坏。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>材料文件保存失败（{reason}），已保存的数据没有丢失。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>材料文件已加密，请先登录。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>材料文件未收到：{what}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>模板只能保存为 .xlsx 或 .csv 文件。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在取消…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在同步…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在同步，请等本次同步结束后再操作。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>正在暂停…</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>没有县级行政区划代码 {county} 的医疗救助政策参数文件。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>没有可用的打印机。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>没有可输入密码的终端：请用 --password-stdin 从标准输入提供管理员密码。服务点不会在没有密码的情况下以明文建立。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>没有找到列名行：第一个工作表的前10行中应有模板的列名（必填列：{columns}）。请先下载模板。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>没有登录名为 {login} 的经办人员。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>没有这个同步批次，请刷新后重新选择。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>没有这种文书：{kind}（tongban print --list 列出全部种类）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>消息模板仍有未填写的占位符：{template}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>消息模板缺少需要填写的内容：{value}。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>照片为空，请重新拍摄。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>照片压缩失败，请重新拍摄。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>版本</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>状态</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>登录名“{login}”已被使用。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>登录名只能使用英文字母、数字、下划线和点，最多32位。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>登录名或密码不正确。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>目录 {version} 中没有编码为 {item_code} 的服务事项。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>目录包 {file} 已损坏或不是目录包。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>目录包 {file} 没有签名，已拒绝导入。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>目录包 {file} 签名无效（可能被篡改或非可信发布方），已拒绝导入。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>目录包版本 {version} 不高于本机当前版本 {current}，已拒绝导入。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>目录文件无法读取：{origin}（{detail}）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>目录文件格式不受支持（{origin}，格式 {format}）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>目录校验未通过，共 {count} 处错误；第一处：{first}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>目录版本号“{version}”格式不正确（应为 年.月.序号）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>确认时间</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>磁盘剩余空间不足（仅剩 {free_mb} MB），本次内容未保存，已保存的数据没有丢失。请清理磁盘后重试。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>磁盘剩余空间仅 {free_mb} MB，请尽快清理磁盘或更换备份U盘。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>磁盘空间已满，本次操作未保存，已保存的数据没有丢失。请清理磁盘后重试。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>社保卡密码已锁定，请持卡到社保经办机构解锁。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>社保卡已过有效期（{expiry}），请提醒参保人到发卡机构换卡。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>空闲</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>立即同步</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>立即同步(&amp;N)</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>经办人员 {login} 已停用，不能登录。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>统一社会信用代码不正确，请核对后重新输入。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>统一社会信用代码应为18位，当前为{length}位。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>继续</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>联系电话不正确：请输入11位手机号码或带区号的固定电话（如0854-8222222）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>行政区划代码{value}不存在。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>行政区划代码应为6位（县）、9位（乡镇）或12位（村）数字。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>被退回</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>证件类型为“{id_type}”：批量导入仅支持居民身份证，其他证件请到柜台逐件受理。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该事项没有材料“{key}”。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该人员已有未办结的“{item}”办件 {case_no}，不能重复受理。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该办件上传时已被退回，不能作出审核结果。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该办件已{state}，不能再修改。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该单元格是数字格式，Excel 只保留15位有效数字，号码已被改变：请将该列设为文本格式后重新填写。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该卡（第三代社保卡）的个人信息需通过人社部授权的读卡接口（含 PSAM 卡）读取。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该文书已打印过，补打须填写原因。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>该社保卡的个人信息需通过授权读卡接口读取，请输入公民身份号码。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请先在“同步批次”中选中一个批次。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请先核验申请人身份：插入社保卡、扫描医保电子凭证或输入公民身份号码。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请先选择服务事项。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请填写“{label}”。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请填写服务点名称。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请填写申请人姓名。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请指定办件编号。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请指定文书种类（tongban print --list 列出全部种类）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请用 --out 指定输出的 PDF 文件。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请给出照片文件，或用 --case 办件编号 --material 材料代码（二者选一）。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>请选择评价：非常满意、满意、基本满意、不满意或非常不满意。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器中未检测到 PSAM 卡，无法读取个人信息。请联系设备管理员。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器中没有卡。请将社保卡芯片朝上插入读卡器。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器厂商的读卡库调用失败（返回码 {rc}），请联系设备厂商。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器正被其他程序占用，请关闭其他读卡软件后重试。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡器通讯异常，请重新插拔读卡器后重试。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡失败（状态码 {sw}），请重新插卡后重试。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡组件未安装，无法使用读卡器。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡超时（{seconds} 秒无响应），请重新插卡或重新插拔读卡器。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>读卡过程中卡被拔出，请重新插入社保卡，读完前不要拔卡。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>输出为单个 .jpg 文件时只能处理一张照片（现有 {count} 张），请改为输出目录。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>还缺少{count}项材料：{names}。请出具一次性告知书，或在允许时选择容缺受理。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>这不是社会保障卡，或卡片插反了。请确认卡片后芯片朝上重新插入。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>这是15位的一代身份证号码，请使用18位公民身份号码。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>这是最后一名在用的管理员，不能停用或改为其他角色。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>这是正式服务点的数据目录，不能加载演示数据。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>进行中</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>连续输错密码次数过多，该账号已锁定，请{minutes}分钟后再试，或请管理员解锁。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>邮政编码应为6位数字。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>重试被拒办件</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>金额 {field} 应为不小于 0 的数字。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>金额“{value}”无效：应为不小于0的数字，最多两位小数。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>银行卡号校验不通过，请核对后重新输入。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>银行账号应为12至19位数字。</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>预计剩余 {eta}</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>预计剩余时间计算中</source>
      <translation type="unfinished" />
    </message>
    <message>
      <source>（重复发送，已确认）</source>
      <translation type="unfinished" />
    </message>
  </context>
</TS>
