<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>App</name>
    <message>
      <source>医保通办</source>
      <translation>Tongban</translation>
    </message>
    <message>
      <source>医保通办 — 恢复密钥</source>
      <translation>Tongban — recovery key</translation>
    </message>
    <message>
      <source>演示服务点的恢复密钥：

{key}</source>
      <translation>The demo service point's recovery key:

{key}</translation>
    </message>
    <message>
      <source>演示服务点：登录名和密码见 README“演示”一节。</source>
      <translation>Demo service point: the logins and passwords are in the README's “演示” (demo) section.</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Quit</translation>
    </message>
  </context>
  <context>
    <name>AuditLogWindow</name>
    <message>
      <source>全部经办人</source>
      <translation>All clerks</translation>
    </message>
    <message>
      <source>共 {n} 条</source>
      <translation>{n} entries</translation>
    </message>
    <message>
      <source>内容被修改</source>
      <translation>was edited</translation>
    </message>
    <message>
      <source>审计日志</source>
      <translation>Audit log</translation>
    </message>
    <message>
      <source>审计日志完整：共 {n} 条，最新第 {seq} 条，哈希 {hash}…</source>
      <translation>The audit log is intact: {n} entries, newest no. {seq}, hash {hash}…</translation>
    </message>
    <message>
      <source>审计日志校验未通过：发现 {n} 处问题，第一处：第 {seq} 条审计记录{kind}。</source>
      <translation>The audit log failed the check: {n} problems; the first: audit entry no. {seq} {kind}.</translation>
    </message>
    <message>
      <source>对象</source>
      <translation>Target</translation>
    </message>
    <message>
      <source>导出…</source>
      <translation>Export…</translation>
    </message>
    <message>
      <source>导出审计日志</source>
      <translation>Export the audit log</translation>
    </message>
    <message>
      <source>已导出 {n} 条审计记录：{path}</source>
      <translation>Exported {n} audit entries: {path}</translation>
    </message>
    <message>
      <source>序号</source>
      <translation>No.</translation>
    </message>
    <message>
      <source>操作</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>操作（前缀），如 case. 或 login</source>
      <translation>Action (prefix), e.g. case. or login</translation>
    </message>
    <message>
      <source>时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>显示最新 {n} 条（还有更早的记录）</source>
      <translation>Showing the newest {n} entries (older ones exist)</translation>
    </message>
    <message>
      <source>更多</source>
      <translation>More</translation>
    </message>
    <message>
      <source>最新的记录被删除</source>
      <translation>was deleted (the newest entries)</translation>
    </message>
    <message>
      <source>查询</source>
      <translation>Search</translation>
    </message>
    <message>
      <source>校验</source>
      <translation>Verify</translation>
    </message>
    <message>
      <source>正在校验…</source>
      <translation>Verifying…</translation>
    </message>
    <message>
      <source>系统</source>
      <translation>System</translation>
    </message>
    <message>
      <source>经办人</source>
      <translation>Clerk</translation>
    </message>
    <message>
      <source>被删除（序号缺失）</source>
      <translation>was deleted (number missing)</translation>
    </message>
    <message>
      <source>角色</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>详情</source>
      <translation>Details</translation>
    </message>
    <message>
      <source>起始日期</source>
      <translation>Since</translation>
    </message>
    <message>
      <source>链接断开（前一条被删除或替换）</source>
      <translation>has a broken link (the previous entry was deleted or replaced)</translation>
    </message>
    <message>
      <source>顺序被调换</source>
      <translation>is out of order</translation>
    </message>
  </context>
  <context>
    <name>Banner</name>
    <message>
      <source>状态提示</source>
      <translation>Status notice</translation>
    </message>
  </context>
  <context>
    <name>BatchImportDialog</name>
    <message>
      <source>
未使用的列：</source>
      <translation>
Unused columns: </translation>
    </message>
    <message>
      <source>Excel 工作簿 (*.xlsx)</source>
      <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
      <source>Excel 工作簿（.xlsx）或 CSV（UTF-8 / GBK）</source>
      <translation>Excel workbook (.xlsx) or CSV (UTF-8 / GBK)</translation>
    </message>
    <message>
      <source>。</source>
      <translation>.</translation>
    </message>
    <message>
      <source>下载模板(&amp;T)</source>
      <translation>Download &amp;template</translation>
    </message>
    <message>
      <source>人员</source>
      <translation>Person</translation>
    </message>
    <message>
      <source>保存批量受理模板</source>
      <translation>Save batch intake template</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>列</source>
      <translation>Column</translation>
    </message>
    <message>
      <source>取消导入</source>
      <translation>Cancel import</translation>
    </message>
    <message>
      <source>名单文件 (*.xlsx *.csv *.txt);;所有文件 (*)</source>
      <translation>List files (*.xlsx *.csv *.txt);;All files (*)</translation>
    </message>
    <message>
      <source>名单文件：</source>
      <translation>List file:</translation>
    </message>
    <message>
      <source>导入(&amp;M)</source>
      <translation>I&amp;mport</translation>
    </message>
    <message>
      <source>导入完成：共 {total} 行，已建立办件（草稿）{created} 件</source>
      <translation>Import finished: {total} rows, {created} cases created (drafts)</translation>
    </message>
    <message>
      <source>导入已取消：已建立的办件保留；重新导入同一名单时会跳过已导入的行。</source>
      <translation>Import cancelled: cases already created are kept; importing the same list again skips the rows already imported.</translation>
    </message>
    <message>
      <source>已建立办件 {case_no}</source>
      <translation>Case {case_no} created</translation>
    </message>
    <message>
      <source>批量受理模板.xlsx</source>
      <translation>batch-intake-template.xlsx</translation>
    </message>
    <message>
      <source>批量受理（导入名单）</source>
      <translation>Batch intake (import a list)</translation>
    </message>
    <message>
      <source>有错误 {n} 行</source>
      <translation>{n} rows with errors</translation>
    </message>
    <message>
      <source>服务事项(&amp;I)：</source>
      <translation>Service &amp;item:</translation>
    </message>
    <message>
      <source>校验(&amp;V)</source>
      <translation>&amp;Validate</translation>
    </message>
    <message>
      <source>校验完成：共 {total} 行，可导入 {valid} 行</source>
      <translation>Validation finished: {total} rows, {valid} can be imported</translation>
    </message>
    <message>
      <source>模板列名：</source>
      <translation>Template columns:</translation>
    </message>
    <message>
      <source>模板已保存：{path}</source>
      <translation>Template saved: {path}</translation>
    </message>
    <message>
      <source>正在取消：当前一批办件建完后停止…</source>
      <translation>Cancelling: stopping once the current chunk of cases is created…</translation>
    </message>
    <message>
      <source>正在导入…</source>
      <translation>Importing…</translation>
    </message>
    <message>
      <source>正在校验…</source>
      <translation>Validating…</translation>
    </message>
    <message>
      <source>此前已导入 {n} 行</source>
      <translation>{n} rows imported before</translation>
    </message>
    <message>
      <source>此前已导入：办件 {case_no}</source>
      <translation>Imported before: case {case_no}</translation>
    </message>
    <message>
      <source>行</source>
      <translation>Row</translation>
    </message>
    <message>
      <source>请先选择名单文件。</source>
      <translation>Choose a list file first.</translation>
    </message>
    <message>
      <source>请先选择服务事项。</source>
      <translation>Choose a service item first.</translation>
    </message>
    <message>
      <source>请在办件台的草稿中逐件核对材料后受理。</source>
      <translation>Check each draft's materials on the case desk, then accept it.</translation>
    </message>
    <message>
      <source>请选择服务事项和名单文件，先“校验”，再“导入”。有错误的行不导入，可改正后重新导入同一名单。</source>
      <translation>Choose the service item and the list file, then “Validate” and “Import”. Rows with errors are not imported; correct them and import the same list again.</translation>
    </message>
    <message>
      <source>选择批量受理名单</source>
      <translation>Choose a batch intake list</translation>
    </message>
    <message>
      <source>选择文件(&amp;F)…</source>
      <translation>Choose &amp;file…</translation>
    </message>
    <message>
      <source>问题 / 结果</source>
      <translation>Problem / result</translation>
    </message>
    <message>
      <source>（*为必填）</source>
      <translation> (* required)</translation>
    </message>
    <message>
      <source>，</source>
      <translation>, </translation>
    </message>
  </context>
  <context>
    <name>BatchPrintDialog</name>
    <message>
      <source>  {case_no}：{why}</source>
      <translation>  {case_no}: {why}</translation>
    </message>
    <message>
      <source>{document}（{n} 件）</source>
      <translation>{document} ({n} cases)</translation>
    </message>
    <message>
      <source>全部适用事项</source>
      <translation>All applicable items</translation>
    </message>
    <message>
      <source>共 {n} 件</source>
      <translation>{n} cases</translation>
    </message>
    <message>
      <source>办理事项</source>
      <translation>Service item</translation>
    </message>
    <message>
      <source>包括已打印过的办件（补打）</source>
      <translation>Include cases printed before (reprint)</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>受理日期自</source>
      <translation>Accepted from</translation>
    </message>
    <message>
      <source>已取消。</source>
      <translation>Cancelled.</translation>
    </message>
    <message>
      <source>已取消：其余 {n} 件未打印。</source>
      <translation>Cancelled: the remaining {n} cases were not printed.</translation>
    </message>
    <message>
      <source>已打印 {n} 件（共 {pages} 页）。</source>
      <translation>Printed {n} cases ({pages} pages).</translation>
    </message>
    <message>
      <source>打印…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <source>批量打印</source>
      <translation>Batch printing</translation>
    </message>
    <message>
      <source>文书</source>
      <translation>Document</translation>
    </message>
    <message>
      <source>正在取消…</source>
      <translation>Cancelling…</translation>
    </message>
    <message>
      <source>正在打印…</source>
      <translation>Printing…</translation>
    </message>
    <message>
      <source>正在打印第 {done}/{total} 件：{case_no}</source>
      <translation>Printing case {done}/{total}: {case_no}</translation>
    </message>
    <message>
      <source>正在统计…</source>
      <translation>Counting…</translation>
    </message>
    <message>
      <source>至</source>
      <translation>to</translation>
    </message>
    <message>
      <source>补打原因</source>
      <translation>Reprint reason</translation>
    </message>
    <message>
      <source>补打原因（整批共用一个原因）</source>
      <translation>Reprint reason (one reason for the whole batch)</translation>
    </message>
    <message>
      <source>跳过 {n} 件：</source>
      <translation>Skipped {n} cases:</translation>
    </message>
    <message>
      <source>，其中 {m} 件已打印过，不再打印</source>
      <translation>, {m} of them printed before and not printed again</translation>
    </message>
    <message>
      <source>，其中 {m} 件已打印过，将补打</source>
      <translation>, {m} of them printed before and reprinted</translation>
    </message>
    <message>
      <source>；本次打印 {k} 件。</source>
      <translation>; {k} cases will be printed.</translation>
    </message>
  </context>
  <context>
    <name>BlankForms</name>
    <message>
      <source>空白表(&amp;K)</source>
      <translation>&amp;Blank forms</translation>
    </message>
    <message>
      <source>空白表：{title}</source>
      <translation>Blank form: {title}</translation>
    </message>
  </context>
  <context>
    <name>CameraWindow</name>
    <message>
      <source>已拍摄 {n} 页；放上下一页自动拍摄，或按空格；Esc 关闭。</source>
      <translation>{n} pages taken; place the next page to shoot it automatically, or press Space; Esc closes.</translation>
    </message>
    <message>
      <source>扫描医保电子凭证</source>
      <translation>Scan the medical insurance e-voucher</translation>
    </message>
    <message>
      <source>拍摄材料（放稳后自动拍摄，或按空格）</source>
      <translation>Photograph materials (shot automatically once steady, or press Space)</translation>
    </message>
    <message>
      <source>正在处理照片…</source>
      <translation>Processing the photo…</translation>
    </message>
    <message>
      <source>；Esc 关闭</source>
      <translation>; Esc closes</translation>
    </message>
  </context>
  <context>
    <name>CaseAction</name>
    <message>
      <source>不予受理</source>
      <translation>Refuse</translation>
    </message>
    <message>
      <source>中心退回</source>
      <translation>Returned by the central platform</translation>
    </message>
    <message>
      <source>创建</source>
      <translation>Created</translation>
    </message>
    <message>
      <source>办结</source>
      <translation>Complete</translation>
    </message>
    <message>
      <source>受理</source>
      <translation>Accept</translation>
    </message>
    <message>
      <source>审核不通过</source>
      <translation>Reject in review</translation>
    </message>
    <message>
      <source>审核通过</source>
      <translation>Approve</translation>
    </message>
    <message>
      <source>容缺材料补齐</source>
      <translation>Owed materials supplied</translation>
    </message>
    <message>
      <source>拨付</source>
      <translation>Pay out</translation>
    </message>
    <message>
      <source>撤回</source>
      <translation>Withdraw</translation>
    </message>
    <message>
      <source>评价</source>
      <translation>Rating</translation>
    </message>
    <message>
      <source>转报上级</source>
      <translation>Forward to the higher level</translation>
    </message>
    <message>
      <source>退回补正</source>
      <translation>Return for correction</translation>
    </message>
  </context>
  <context>
    <name>CaseActionBar</name>
    <message>
      <source>“{action}”需要填写原因。</source>
      <translation>“{action}” needs a reason.</translation>
    </message>
    <message>
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>原因(&amp;Y)：</source>
      <translation>Reason (&amp;Y):</translation>
    </message>
    <message>
      <source>原因（不予受理、退回补正、撤回、审核不通过、补打时必填）</source>
      <translation>Reason (required to refuse, return for correction, withdraw, reject in review or reprint)</translation>
    </message>
    <message>
      <source>已{action}：{case_no} 现为“{state}”。</source>
      <translation>Done ({action}): {case_no} is now “{state}”.</translation>
    </message>
    <message>
      <source>已打印：</source>
      <translation>Printed: </translation>
    </message>
    <message>
      <source>已登记 {case_no} 的差评整改。</source>
      <translation>Follow-up of the bad rating recorded for {case_no}.</translation>
    </message>
    <message>
      <source>已补打：</source>
      <translation>Reprinted: </translation>
    </message>
    <message>
      <source>当前经办人的角色不能补打，请由打印员或管理员补打。</source>
      <translation>The signed-in clerk's role may not reprint; ask a print clerk or an administrator.</translation>
    </message>
    <message>
      <source>登记差评整改 (Ctrl+G)</source>
      <translation>Record bad-rating follow-up (Ctrl+G)</translation>
    </message>
    <message>
      <source>直接打印全部文书 (F12)</source>
      <translation>Print all documents (F12)</translation>
    </message>
    <message>
      <source>继续填写草稿 (Ctrl+E)</source>
      <translation>Continue the draft (Ctrl+E)</translation>
    </message>
    <message>
      <source>补打 (Ctrl+R)</source>
      <translation>Reprint (Ctrl+R)</translation>
    </message>
    <message>
      <source>请在“原因”栏写明整改情况，再登记差评整改。</source>
      <translation>Write what was done in the Reason field, then record the follow-up.</translation>
    </message>
  </context>
  <context>
    <name>CaseDesk</name>
    <message>
      <source>{list}（{n}）</source>
      <translation>{list} ({n})</translation>
    </message>
    <message>
      <source>共 {n} 件</source>
      <translation>{n} cases</translation>
    </message>
    <message>
      <source>工作清单</source>
      <translation>Work list</translation>
    </message>
    <message>
      <source>工作清单(&amp;L)：</source>
      <translation>Work &amp;list:</translation>
    </message>
    <message>
      <source>搜索全部办件：办件编号、公民身份号码、姓名、事项名称或编码 (Ctrl+F)</source>
      <translation>Search all cases: case number, ID number, name, item name or code (Ctrl+F)</translation>
    </message>
    <message>
      <source>搜索到 {n} 件</source>
      <translation>{n} cases found</translation>
    </message>
    <message>
      <source>期限按工作日计算（节假日、调休已计入）</source>
      <translation>Deadlines count working days (public holidays and swapped workdays included)</translation>
    </message>
    <message>
      <source>红：已超期</source>
      <translation>Red: overdue</translation>
    </message>
    <message>
      <source>黄：2个工作日内到期</source>
      <translation>Amber: due within 2 working days</translation>
    </message>
  </context>
  <context>
    <name>CaseDetailPanel</name>
    <message>
      <source>Ctrl+Tab 下一个，Ctrl+Shift+Tab 上一个</source>
      <translation>Ctrl+Tab next, Ctrl+Shift+Tab previous</translation>
    </message>
    <message>
      <source>{applicant}　{gender}　证件号码 {id_number}</source>
      <translation>{applicant}  {gender}  ID number {id_number}</translation>
    </message>
    <message>
      <source>{material} 第{n}页</source>
      <translation>{material}, page {n}</translation>
    </message>
    <message>
      <source>　&lt;span style='color:#6b7280'&gt;（已遮蔽）&lt;/span&gt;</source>
      <translation>  &lt;span style='color:#6b7280'&gt;(masked)&lt;/span&gt;</translation>
    </message>
    <message>
      <source>　委托办理</source>
      <translation>  (by an agent)</translation>
    </message>
    <message>
      <source>　电话 {phone}</source>
      <translation>  Phone {phone}</translation>
    </message>
    <message>
      <source>中心确认时间</source>
      <translation>Confirmed by the central platform</translation>
    </message>
    <message>
      <source>中心答复</source>
      <translation>Central platform's answer</translation>
    </message>
    <message>
      <source>事件</source>
      <translation>Event</translation>
    </message>
    <message>
      <source>份数</source>
      <translation>Copies</translation>
    </message>
    <message>
      <source>入队时间</source>
      <translation>Queued at</translation>
    </message>
    <message>
      <source>内容</source>
      <translation>Value</translation>
    </message>
    <message>
      <source>办件编号：{case_no}</source>
      <translation>Case number: {case_no}</translation>
    </message>
    <message>
      <source>办理过程</source>
      <translation>Timeline</translation>
    </message>
    <message>
      <source>办理过程 {n}</source>
      <translation>Timeline {n}</translation>
    </message>
    <message>
      <source>办理过程：</source>
      <translation>Timeline:</translation>
    </message>
    <message>
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>发送至 {phone}</source>
      <translation>Sent to {phone}</translation>
    </message>
    <message>
      <source>受理信息</source>
      <translation>Intake details</translation>
    </message>
    <message>
      <source>受理信息 {n}</source>
      <translation>Intake details {n}</translation>
    </message>
    <message>
      <source>同步状态</source>
      <translation>Sync state</translation>
    </message>
    <message>
      <source>同步：</source>
      <translation>Sync: </translation>
    </message>
    <message>
      <source>好差评：{rating}</source>
      <translation>Rating: {rating}</translation>
    </message>
    <message>
      <source>导出所选材料为 PDF (Ctrl+Shift+E)</source>
      <translation>Export the selected material as PDF (Ctrl+Shift+E)</translation>
    </message>
    <message>
      <source>导出材料 PDF</source>
      <translation>Export material PDF</translation>
    </message>
    <message>
      <source>已同意短信：{phone}</source>
      <translation>SMS agreed: {phone}</translation>
    </message>
    <message>
      <source>已导出 {n} 页：{path}</source>
      <translation>Exported {n} pages: {path}</translation>
    </message>
    <message>
      <source>打印 {n}</source>
      <translation>Prints {n}</translation>
    </message>
    <message>
      <source>打印记录</source>
      <translation>Prints</translation>
    </message>
    <message>
      <source>操作</source>
      <translation>Action</translation>
    </message>
    <message>
      <source>文书</source>
      <translation>Document</translation>
    </message>
    <message>
      <source>时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <source>服务事项：{item}（{code}）</source>
      <translation>Service item: {item} ({code})</translation>
    </message>
    <message>
      <source>未同意短信</source>
      <translation>no SMS consent</translation>
    </message>
    <message>
      <source>未同意，不发送</source>
      <translation>No consent, not sent</translation>
    </message>
    <message>
      <source>未排队</source>
      <translation>not queued</translation>
    </message>
    <message>
      <source>本办件尚无通知。</source>
      <translation>No message for this case yet.</translation>
    </message>
    <message>
      <source>本办件没有拍照或上传的材料页面。</source>
      <translation>This case has no photographed or uploaded material pages.</translation>
    </message>
    <message>
      <source>本站拟定</source>
      <translation>Composed here</translation>
    </message>
    <message>
      <source>材料</source>
      <translation>Materials</translation>
    </message>
    <message>
      <source>材料 {n}页</source>
      <translation>Materials {n} pages</translation>
    </message>
    <message>
      <source>材料页面（Enter 或双击查看）：</source>
      <translation>Material pages (Enter or double-click to view):</translation>
    </message>
    <message>
      <source>查看材料 — {case_no}</source>
      <translation>Materials — {case_no}</translation>
    </message>
    <message>
      <source>模板</source>
      <translation>Template</translation>
    </message>
    <message>
      <source>版本</source>
      <translation>Revision</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <source>状态：&lt;b&gt;{state}&lt;/b&gt;　承诺办结日期：&lt;span style='color:{colour}'&gt;{due}&lt;/span&gt;　目录版本 {version}</source>
      <translation>State: &lt;b&gt;{state}&lt;/b&gt;  Promised completion: &lt;span style='color:{colour}'&gt;{due}&lt;/span&gt;  Catalog {version}</translation>
    </message>
    <message>
      <source>状态：{state}</source>
      <translation>State: {state}</translation>
    </message>
    <message>
      <source>由办件 {case_no} 重新打开</source>
      <translation>Reopened from case {case_no}</translation>
    </message>
    <message>
      <source>申请人：{who}</source>
      <translation>Applicant: {who}</translation>
    </message>
    <message>
      <source>短信</source>
      <translation>SMS</translation>
    </message>
    <message>
      <source>经办人</source>
      <translation>Clerk</translation>
    </message>
    <message>
      <source>补打</source>
      <translation>Reprint</translation>
    </message>
    <message>
      <source>补打原因</source>
      <translation>Reprint reason</translation>
    </message>
    <message>
      <source>请先在上表中选择一份材料。</source>
      <translation>Select a material in the table above first.</translation>
    </message>
    <message>
      <source>选择一个办件查看详情和办理过程</source>
      <translation>Select a case to see its details and timeline</translation>
    </message>
    <message>
      <source>通知</source>
      <translation>Messages</translation>
    </message>
    <message>
      <source>通知 {n}</source>
      <translation>Messages {n}</translation>
    </message>
    <message>
      <source>通知内容</source>
      <translation>Message text</translation>
    </message>
    <message>
      <source>通知（{event}，{to}{mark}）：&lt;span style='color:#374151'&gt;{text}&lt;/span&gt;</source>
      <translation>Notice ({event}, {to}{mark}): &lt;span style='color:#374151'&gt;{text}&lt;/span&gt;</translation>
    </message>
    <message>
      <source>页数</source>
      <translation>Pages</translation>
    </message>
    <message>
      <source>项目</source>
      <translation>Field</translation>
    </message>
    <message>
      <source>（回执所载 {given}，节假日安排到后重算为 {exact}，以较晚者为准）</source>
      <translation> (receipt: {given}; recounted to {exact} once the holiday schedule arrived; the later date binds)</translation>
    </message>
    <message>
      <source>（容缺受理）</source>
      <translation> (accepted with materials owed)</translation>
    </message>
    <message>
      <source>（暂定，如遇法定节假日顺延）</source>
      <translation> (provisional: moved on by statutory holidays)</translation>
    </message>
    <message>
      <source>（本机时钟异常）</source>
      <translation> (this PC's clock was wrong)</translation>
    </message>
    <message>
      <source>（本站拟定模板）</source>
      <translation> (template composed at this station)</translation>
    </message>
    <message>
      <source>（模板：{source}）</source>
      <translation> (template: {source})</translation>
    </message>
    <message>
      <source>，本站拟定模板</source>
      <translation>, template composed at this station</translation>
    </message>
  </context>
  <context>
    <name>CaseState</name>
    <message>
      <source>不予受理</source>
      <translation>Refused</translation>
    </message>
    <message>
      <source>审核不通过</source>
      <translation>Rejected in review</translation>
    </message>
    <message>
      <source>审核通过</source>
      <translation>Approved</translation>
    </message>
    <message>
      <source>已办结</source>
      <translation>Completed</translation>
    </message>
    <message>
      <source>已受理</source>
      <translation>Accepted</translation>
    </message>
    <message>
      <source>已拨付</source>
      <translation>Paid out</translation>
    </message>
    <message>
      <source>已撤回</source>
      <translation>Withdrawn</translation>
    </message>
    <message>
      <source>已转报</source>
      <translation>Forwarded</translation>
    </message>
    <message>
      <source>草稿</source>
      <translation>Draft</translation>
    </message>
    <message>
      <source>退回补正</source>
      <translation>Returned for correction</translation>
    </message>
  </context>
  <context>
    <name>CaseTable</name>
    <message>
      <source>办件编号</source>
      <translation>Case number</translation>
    </message>
    <message>
      <source>受理日期</source>
      <translation>Accepted on</translation>
    </message>
    <message>
      <source>待办事项 / 中心意见</source>
      <translation>To do / central platform's note</translation>
    </message>
    <message>
      <source>承诺办结日期</source>
      <translation>Promised completion</translation>
    </message>
    <message>
      <source>服务事项</source>
      <translation>Service item</translation>
    </message>
    <message>
      <source>期限</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <source>申请人</source>
      <translation>Applicant</translation>
    </message>
    <message>
      <source>证件号码</source>
      <translation>ID number</translation>
    </message>
  </context>
  <context>
    <name>CaseTableModel</name>
    <message>
      <source>2个工作日内到期</source>
      <translation>Due within 2 working days</translation>
    </message>
    <message>
      <source>已超过承诺办结日期</source>
      <translation>Past the promised completion date</translation>
    </message>
  </context>
  <context>
    <name>ClerkAdminWindow</name>
    <message>
      <source>{done}未能更换数据密钥：{reason} 请稍后点击“更换数据密钥”重试。</source>
      <translation>{done} The data key could not be rotated: {reason} Please try again later with "Rotate data key".</translation>
    </message>
    <message>
      <source>修改角色</source>
      <translation>Change role</translation>
    </message>
    <message>
      <source>停用…</source>
      <translation>Disable…</translation>
    </message>
    <message>
      <source>停用有密码的经办人员时，随即更换数据密钥（重新加密数据库和材料文件）并显示新的恢复密钥。更换期间请勿关闭程序；正在同步时不能更换；本机其他柜台程序和命令须先关闭。</source>
      <translation>Disabling a clerk who has a password rotates the data key right away (the database and material files are re-encrypted) and shows the new recovery key. Do not close the program meanwhile; no rotation while a sync is running; other counter programs and commands on this PC must be closed first.</translation>
    </message>
    <message>
      <source>停用经办人员 {login}？停用后其密码不能再打开本服务点的数据；若其设有密码，将随即更换数据密钥。</source>
      <translation>Disable clerk {login}? Their password will no longer open this station's data; if they have a password, the data key is rotated right away.</translation>
    </message>
    <message>
      <source>兼任</source>
      <translation>Also holds</translation>
    </message>
    <message>
      <source>再次输入密码</source>
      <translation>Password again</translation>
    </message>
    <message>
      <source>再次输入新密码</source>
      <translation>New password again</translation>
    </message>
    <message>
      <source>在用</source>
      <translation>Active</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>密码</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>已停用</source>
      <translation>Disabled</translation>
    </message>
    <message>
      <source>已停用经办人员 {login}。</source>
      <translation>Clerk {login} disabled.</translation>
    </message>
    <message>
      <source>已将 {login} 的角色改为{role}。</source>
      <translation>{login} is now {role}.</translation>
    </message>
    <message>
      <source>已新增经办人员 {login}（{role}）。</source>
      <translation>Clerk {login} added ({role}).</translation>
    </message>
    <message>
      <source>已更换数据密钥（{key_id}）：重新加密材料文件 {files} 个，数据库副本 {copies} 个。</source>
      <translation>Data key rotated ({key_id}): {files} material files and {copies} database copies re-encrypted.</translation>
    </message>
    <message>
      <source>已解除 {login} 的锁定。</source>
      <translation>{login} unlocked.</translation>
    </message>
    <message>
      <source>已重置 {login} 的密码。</source>
      <translation>Password of {login} reset.</translation>
    </message>
    <message>
      <source>已锁定</source>
      <translation>Locked</translation>
    </message>
    <message>
      <source>新增</source>
      <translation>Add</translation>
    </message>
    <message>
      <source>新增经办人员</source>
      <translation>Add a clerk</translation>
    </message>
    <message>
      <source>新密码</source>
      <translation>New password</translation>
    </message>
    <message>
      <source>更换数据密钥…</source>
      <translation>Rotate data key…</translation>
    </message>
    <message>
      <source>更换数据密钥？将重新加密数据库和材料文件，并生成新的恢复密钥，旧恢复密钥作废。</source>
      <translation>Rotate the data key? The database and material files are re-encrypted and a new recovery key is made; the old recovery key stops working.</translation>
    </message>
    <message>
      <source>正在停用并更换数据密钥，请稍候…</source>
      <translation>Disabling and rotating the data key, please wait…</translation>
    </message>
    <message>
      <source>正在更换数据密钥，请稍候…</source>
      <translation>Rotating the data key, please wait…</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <source>登录名</source>
      <translation>Login</translation>
    </message>
    <message>
      <source>经办人员</source>
      <translation>Clerks</translation>
    </message>
    <message>
      <source>角色</source>
      <translation>Role</translation>
    </message>
    <message>
      <source>解除锁定</source>
      <translation>Unlock</translation>
    </message>
    <message>
      <source>请在左侧选择一名经办人员。</source>
      <translation>Select a clerk on the left.</translation>
    </message>
    <message>
      <source>选中的经办人员</source>
      <translation>Selected clerk</translation>
    </message>
    <message>
      <source>选中：{login}（{name}）</source>
      <translation>Selected: {login} ({name})</translation>
    </message>
    <message>
      <source>重置密码</source>
      <translation>Reset password</translation>
    </message>
    <message>
      <source>锁定</source>
      <translation>Locked out</translation>
    </message>
    <message>
      <source>，未设密码</source>
      <translation>, no password</translation>
    </message>
  </context>
  <context>
    <name>ClerkRole</name>
    <message>
      <source>受理员</source>
      <translation>intake clerk</translation>
    </message>
    <message>
      <source>同步员</source>
      <translation>sync clerk</translation>
    </message>
    <message>
      <source>审核员</source>
      <translation>reviewer</translation>
    </message>
    <message>
      <source>打印员</source>
      <translation>print clerk</translation>
    </message>
    <message>
      <source>管理员</source>
      <translation>administrator</translation>
    </message>
  </context>
  <context>
    <name>CounterSession</name>
    <message>
      <source>医保通办 — 切换经办人员</source>
      <translation>Tongban — switch clerk</translation>
    </message>
    <message>
      <source>医保通办 — 已锁屏</source>
      <translation>Tongban — screen locked</translation>
    </message>
    <message>
      <source>屏幕已锁定（{name}）。请本人或管理员输入密码解锁。</source>
      <translation>The screen is locked ({name}). The same clerk or an administrator enters a password to unlock it.</translation>
    </message>
    <message>
      <source>当前：{name}（{role}）。请新经办人员登录。</source>
      <translation>Current clerk: {name} ({role}). The new clerk signs in here.</translation>
    </message>
  </context>
  <context>
    <name>CustomerView</name>
    <message>
      <source>其他意见（可不填）</source>
      <translation>Other comments (optional)</translation>
    </message>
    <message>
      <source>医保通办 — 请您核对</source>
      <translation>Tongban — please check</translation>
    </message>
    <message>
      <source>您选择了“{rating}”，请告诉我们原因（可多说几句）：</source>
      <translation>You chose "{rating}". Please tell us why:</translation>
    </message>
    <message>
      <source>感谢您的评价：{rating}</source>
      <translation>Thank you for your rating: {rating}</translation>
    </message>
    <message>
      <source>提交评价</source>
      <translation>Submit rating</translation>
    </message>
    <message>
      <source>欢迎办理医保业务</source>
      <translation>Welcome to medical insurance services</translation>
    </message>
    <message>
      <source>正在提交评价……</source>
      <translation>Submitting your rating…</translation>
    </message>
    <message>
      <source>申请人：{applicant}    办件编号：{case_no}</source>
      <translation>Applicant: {applicant}    Case number: {case_no}</translation>
    </message>
    <message>
      <source>请对本次服务进行评价：</source>
      <translation>Please rate this service:</translation>
    </message>
    <message>
      <source>请核对以下信息和材料：</source>
      <translation>Please check the following details and materials:</translation>
    </message>
    <message>
      <source>请选择一个原因，或写下您的意见。</source>
      <translation>Please choose a reason or write a comment.</translation>
    </message>
  </context>
  <context>
    <name>DeviceSettingsDialog</name>
    <message>
      <source> 秒</source>
      <translation> s</translation>
    </message>
    <message>
      <source>/dev/usb/lp0、COM3、tcp:192.168.1.50</source>
      <translation>/dev/usb/lp0, COM3, tcp:192.168.1.50</translation>
    </message>
    <message>
      <source>/dev/usb/lp0（USB）、COM3 或 /dev/ttyUSB0（串口）、tcp:IP（网口）、win32:打印机名</source>
      <translation>/dev/usb/lp0 (USB), COM3 or /dev/ttyUSB0 (serial), tcp:IP (network), win32:printer name</translation>
    </message>
    <message>
      <source>1–16 为串口，1001–1016 为 USB</source>
      <translation>1–16: serial ports, 1001–1016: USB</translation>
    </message>
    <message>
      <source>58mm</source>
      <translation>58 mm</translation>
    </message>
    <message>
      <source>80mm</source>
      <translation>80 mm</translation>
    </message>
    <message>
      <source>A4 打印机</source>
      <translation>A4 printer</translation>
    </message>
    <message>
      <source>COM3 或 /dev/ttyUSB0</source>
      <translation>COM3 or /dev/ttyUSB0</translation>
    </message>
    <message>
      <source>ESC/POS 直连（端口）</source>
      <translation>ESC/POS direct (port)</translation>
    </message>
    <message>
      <source>PC/SC 读卡器</source>
      <translation>PC/SC reader</translation>
    </message>
    <message>
      <source>三级（满意/一般/不满意）</source>
      <translation>3 levels (satisfied/neutral/unsatisfied)</translation>
    </message>
    <message>
      <source>不使用</source>
      <translation>Not used</translation>
    </message>
    <message>
      <source>串口</source>
      <translation>Serial port</translation>
    </message>
    <message>
      <source>串口 / USB 转串口（GA 467 协议）</source>
      <translation>Serial / USB-serial port (GA 467 protocol)</translation>
    </message>
    <message>
      <source>串口评价器</source>
      <translation>Serial evaluator</translation>
    </message>
    <message>
      <source>串口：</source>
      <translation>Serial port:</translation>
    </message>
    <message>
      <source>五级</source>
      <translation>5 levels</translation>
    </message>
    <message>
      <source>函数/按键：</source>
      <translation>Function/keys:</translation>
    </message>
    <message>
      <source>厂商库中开始评价的导出函数名，见厂商的开发手册</source>
      <translation>The vendor library's exported function that starts a rating (see the vendor's SDK manual)</translation>
    </message>
    <message>
      <source>厂商评价器库</source>
      <translation>Vendor evaluator library</translation>
    </message>
    <message>
      <source>厂商评价器库路径</source>
      <translation>Vendor evaluator library path</translation>
    </message>
    <message>
      <source>厂商读卡库（iReadCardBas）</source>
      <translation>Vendor library (iReadCardBas)</translation>
    </message>
    <message>
      <source>厂商读卡库（sdtapi / termb）</source>
      <translation>Vendor library (sdtapi / termb)</translation>
    </message>
    <message>
      <source>取景画面的分辨率：低一些画面更流畅，拍照时仍用拍照分辨率</source>
      <translation>Viewfinder resolution: lower is smoother; photos still use the capture resolution</translation>
    </message>
    <message>
      <source>回执打印机（80mm）</source>
      <translation>Receipt printer (80 mm)</translation>
    </message>
    <message>
      <source>字库：</source>
      <translation>Font:</translation>
    </message>
    <message>
      <source>客户屏评价（默认）</source>
      <translation>Customer screen rating (default)</translation>
    </message>
    <message>
      <source>开始评价的函数名</source>
      <translation>Start-rating function name</translation>
    </message>
    <message>
      <source>打印方式：</source>
      <translation>Print via:</translation>
    </message>
    <message>
      <source>打印机自带的中文字库；字库里没有的字按图像打印</source>
      <translation>The printer's built-in Chinese font; characters it lacks are printed as images</translation>
    </message>
    <message>
      <source>打印机：</source>
      <translation>Printer:</translation>
    </message>
    <message>
      <source>拍照分辨率：</source>
      <translation>Photo resolution:</translation>
    </message>
    <message>
      <source>拍照键（脚踏）：</source>
      <translation>Capture key (pedal):</translation>
    </message>
    <message>
      <source>摄像头编号（0 为第一个），或视频/图片文件路径</source>
      <translation>Camera number (0 is the first), or a video/image file path</translation>
    </message>
    <message>
      <source>摄像头：</source>
      <translation>Camera:</translation>
    </message>
    <message>
      <source>正在测试…</source>
      <translation>Testing…</translation>
    </message>
    <message>
      <source>波特率：</source>
      <translation>Baud rate:</translation>
    </message>
    <message>
      <source>测试</source>
      <translation>Test</translation>
    </message>
    <message>
      <source>测试未能完成（{kind}），详细信息已写入日志。</source>
      <translation>The test could not finish ({kind}); details are in the log.</translation>
    </message>
    <message>
      <source>点此后踩一下脚踏开关</source>
      <translation>Click, then press the foot pedal</translation>
    </message>
    <message>
      <source>照片解码库：</source>
      <translation>Photo decoder:</translation>
    </message>
    <message>
      <source>社保卡厂商读卡库</source>
      <translation>Social security card vendor library</translation>
    </message>
    <message>
      <source>社保卡读卡器</source>
      <translation>Social security card reader</translation>
    </message>
    <message>
      <source>空格键之外的拍照键：点这里后踩一下脚踏开关（或按要用的键）</source>
      <translation>A capture key besides Space: click here, then press the foot pedal (or the key to use)</translation>
    </message>
    <message>
      <source>端口：</source>
      <translation>Port:</translation>
    </message>
    <message>
      <source>等待申请人按评价键的时间</source>
      <translation>How long to wait for the applicant to press a rating key</translation>
    </message>
    <message>
      <source>等待：</source>
      <translation>Wait:</translation>
    </message>
    <message>
      <source>系统打印机</source>
      <translation>System printer</translation>
    </message>
    <message>
      <source>经授权的照片解码库</source>
      <translation>Licensed photo decoder library</translation>
    </message>
    <message>
      <source>自动（厂商读卡库优先，否则 PC/SC）</source>
      <translation>Automatic (vendor library if set, else PC/SC)</translation>
    </message>
    <message>
      <source>自动（按下面填写的读卡库或串口）</source>
      <translation>Automatic (the library or serial port below)</translation>
    </message>
    <message>
      <source>虚拟社保卡（演示）</source>
      <translation>Virtual social security card (demo)</translation>
    </message>
    <message>
      <source>虚拟评价器（演示）</source>
      <translation>Virtual evaluator (demo)</translation>
    </message>
    <message>
      <source>虚拟阅读器（演示，虚构数据）</source>
      <translation>Virtual reader (demo, fictitious data)</translation>
    </message>
    <message>
      <source>设备设置</source>
      <translation>Devices</translation>
    </message>
    <message>
      <source>评价器</source>
      <translation>Evaluator</translation>
    </message>
    <message>
      <source>评价器厂商库</source>
      <translation>Vendor evaluator library</translation>
    </message>
    <message>
      <source>评价方式：</source>
      <translation>Rating by:</translation>
    </message>
    <message>
      <source>读卡库：</source>
      <translation>Library:</translation>
    </message>
    <message>
      <source>读卡方式：</source>
      <translation>Read through:</translation>
    </message>
    <message>
      <source>身份证阅读器</source>
      <translation>ID card reader</translation>
    </message>
    <message>
      <source>身份证阅读器厂商读卡库</source>
      <translation>ID card reader vendor library</translation>
    </message>
    <message>
      <source>预览分辨率：</source>
      <translation>Preview resolution:</translation>
    </message>
    <message>
      <source>高拍仪/摄像头</source>
      <translation>Document camera</translation>
    </message>
    <message>
      <source>（不用回执打印机：回执用A4打印）</source>
      <translation>(no receipt printer: receipts print on A4)</translation>
    </message>
    <message>
      <source>（与拍照相同）</source>
      <translation>(same as capture)</translation>
    </message>
    <message>
      <source>（摄像头默认）</source>
      <translation>(camera default)</translation>
    </message>
    <message>
      <source>（系统默认打印机）</source>
      <translation>(system default printer)</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>医保通办</source>
      <translation>Tongban</translation>
    </message>
    <message>
      <source>操作未能完成，发生了程序内部错误。已保存的数据没有丢失；错误详情已记入日志，请联系技术支持。</source>
      <translation>The operation could not be completed because of an internal error. Saved data is not lost; the details are in the log. Please contact technical support.</translation>
    </message>
  </context>
  <context>
    <name>Gender</name>
    <message>
      <source>女</source>
      <translation>Female</translation>
    </message>
    <message>
      <source>男</source>
      <translation>Male</translation>
    </message>
  </context>
  <context>
    <name>HelpDialog</name>
    <message>
      <source>上一步</source>
      <translation>Previous step</translation>
    </message>
    <message>
      <source>下一步；在收取材料一步提交</source>
      <translation>Next step; submits at the materials step</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>办件台（F3）：按工作清单查看办件，选中后用下方按钮办理，原因写在“原因”栏。</source>
      <translation>Case desk (F3): look at the cases of a work list, act on the selected one with the buttons below it; reasons go in the Reason box.</translation>
    </message>
    <message>
      <source>办件台：办理按钮（受理、退回补正、不予受理……）</source>
      <translation>Case desk: the action buttons (accept, return for completion, refuse…)</translation>
    </message>
    <message>
      <source>办件台：填写原因</source>
      <translation>Case desk: type the reason</translation>
    </message>
    <message>
      <source>办件台：工作清单 / 办件列表</source>
      <translation>Case desk: work list / case list</translation>
    </message>
    <message>
      <source>办件台：搜索办件</source>
      <translation>Case desk: search cases</translation>
    </message>
    <message>
      <source>办件台：补打 / 继续填写草稿</source>
      <translation>Case desk: reprint / continue the draft</translation>
    </message>
    <message>
      <source>办理结果：Ctrl+P 预览、打印受理回执等文书；F2 办理下一件。</source>
      <translation>Result: Ctrl+P previews and prints the receipt and other documents; F2 starts the next case.</translation>
    </message>
    <message>
      <source>受理信息：按表单逐项填写，Enter 跳到下一项；内容随时自动保存为草稿。</source>
      <translation>Case details: fill in the form field by field, Enter moves to the next; everything is saved as a draft as you type.</translation>
    </message>
    <message>
      <source>快捷键</source>
      <translation>Shortcut keys</translation>
    </message>
    <message>
      <source>操作指南</source>
      <translation>Guide</translation>
    </message>
    <message>
      <source>收取材料：逐项勾选已收取的材料，需要时拍照或选择文件；Ctrl+Enter 提交。</source>
      <translation>Materials: tick each material received, photograph it or choose a file where needed; Ctrl+Enter submits.</translation>
    </message>
    <message>
      <source>用摄像头扫描医保电子凭证</source>
      <translation>Scan the medical insurance e-voucher with the camera</translation>
    </message>
    <message>
      <source>确认、下一项</source>
      <translation>Confirm, next field</translation>
    </message>
    <message>
      <source>离开电脑时按 Ctrl+L 锁屏；同步中心（F9）查看与中心端的同步情况。</source>
      <translation>Press Ctrl+L to lock the screen when you leave the PC; the sync centre (F9) shows the sync with the central platform.</translation>
    </message>
    <message>
      <source>身份核验一步：读身份证；收取材料一步：拍照</source>
      <translation>Identify step: read the ID card; materials step: take a photo</translation>
    </message>
    <message>
      <source>身份核验：身份证放上阅读器（或按 F7 读身份证）、插入社保卡、扫描医保电子凭证，或输入公民身份号码，按 Enter 确认。</source>
      <translation>Identify: lay the ID card on the reader (or press F7), insert the social security card, scan the medical insurance e-voucher, or type the citizen ID number; Enter confirms.</translation>
    </message>
    <message>
      <source>选择事项：输入事项名称、拼音首字母或编码，↑↓ 选择，Enter 确定。</source>
      <translation>Choose the item: type its name, pinyin initials or code, ↑↓ to select, Enter to choose.</translation>
    </message>
    <message>
      <source>预览、打印文书</source>
      <translation>Preview and print documents</translation>
    </message>
  </context>
  <context>
    <name>IdentifyPanel</name>
    <message>
      <source>15位号码已按国家标准升为18位：{number}。</source>
      <translation>The 15-digit number was converted to 18 digits as the national standard says: {number}.</translation>
    </message>
    <message>
      <source>15位号码已按国家标准升为18位：{number}，请核对。</source>
      <translation>The 15-digit number was converted to 18 digits as the national standard says: {number}. Please check it.</translation>
    </message>
    <message>
      <source>18位公民身份号码</source>
      <translation>18-digit citizen ID number</translation>
    </message>
    <message>
      <source>{gender} / {birth} / {region}（{age}岁）</source>
      <translation>{gender} / {birth} / {region} (age {age})</translation>
    </message>
    <message>
      <source>{kind}，有效期至 {until}</source>
      <translation>{kind}, valid until {until}</translation>
    </message>
    <message>
      <source>{token}（待联网核验）</source>
      <translation>{token} (to be verified online)</translation>
    </message>
    <message>
      <source>公民身份号码</source>
      <translation>Citizen ID number</translation>
    </message>
    <message>
      <source>公民身份号码(&amp;I)：</source>
      <translation>Citizen &amp;ID number:</translation>
    </message>
    <message>
      <source>公民身份号码校验通过</source>
      <translation>Citizen ID number is valid</translation>
    </message>
    <message>
      <source>医保电子凭证：</source>
      <translation>Medical insurance e-voucher:</translation>
    </message>
    <message>
      <source>卡号 {number}（第{generation}代）</source>
      <translation>Card number {number} (generation {generation})</translation>
    </message>
    <message>
      <source>国籍 {nationality}，{province}受理</source>
      <translation>nationality {nationality}, issued in {province}</translation>
    </message>
    <message>
      <source>外国人永久居留身份证号码</source>
      <translation>Foreign permanent resident ID number</translation>
    </message>
    <message>
      <source>外国人永久居留身份证号码(&amp;I)：</source>
      <translation>Foreign permanent resident &amp;ID number:</translation>
    </message>
    <message>
      <source>外国人永久居留身份证号码校验通过</source>
      <translation>Foreign permanent resident ID number is valid</translation>
    </message>
    <message>
      <source>外国人永久居留身份证号码（2017版）：已输入 {n}/15 位</source>
      <translation>Foreign permanent resident ID number (2017 edition): {n}/15 characters entered</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>姓名(&amp;N)：</source>
      <translation>&amp;Name:</translation>
    </message>
    <message>
      <source>已由读卡器/扫码设备读入公民身份号码。</source>
      <translation>ID number read by the card reader or scanner.</translation>
    </message>
    <message>
      <source>已由读卡器/扫码设备读入外国人永久居留身份证号码。</source>
      <translation>Foreign permanent resident ID number entered by the reader/scanner.</translation>
    </message>
    <message>
      <source>已读取{kind}。</source>
      <translation>{kind} read.</translation>
    </message>
    <message>
      <source>已读取社保卡。</source>
      <translation>Social security card read. </translation>
    </message>
    <message>
      <source>已输入 15/18 位；若是15位的一代身份证号码，按 Enter 升为18位</source>
      <translation>15/18 digits entered; for an old 15-digit ID number, press Enter to convert it to 18 digits</translation>
    </message>
    <message>
      <source>已输入 {n}/18 位</source>
      <translation>{n}/18 digits typed</translation>
    </message>
    <message>
      <source>性别 / 出生日期 / 国籍：</source>
      <translation>Gender / date of birth / nationality:</translation>
    </message>
    <message>
      <source>性别 / 出生日期 / 户籍地：</source>
      <translation>Gender / birth date / registered residence:</translation>
    </message>
    <message>
      <source>摄像头扫码 (F6)</source>
      <translation>Scan with camera (F6)</translation>
    </message>
    <message>
      <source>本站办件记录：</source>
      <translation>Cases at this service point:</translation>
    </message>
    <message>
      <source>本站无此人的办件记录。</source>
      <translation>No cases for this person at this service point.</translation>
    </message>
    <message>
      <source>照片不可用</source>
      <translation>Photo not available</translation>
    </message>
    <message>
      <source>确认身份，选择事项 (Enter)</source>
      <translation>Confirm identity, choose the item (Enter)</translation>
    </message>
    <message>
      <source>社保卡：</source>
      <translation>Social security card:</translation>
    </message>
    <message>
      <source>第一步：核验申请人身份</source>
      <translation>Step 1: verify the applicant's identity</translation>
    </message>
    <message>
      <source>设备输入了公民身份号码，但校验未通过，请核对。</source>
      <translation>The device typed an ID number that fails the check; please verify it.</translation>
    </message>
    <message>
      <source>设备输入了外国人永久居留身份证号码，但校验未通过，请核对。</source>
      <translation>The device entered a foreign permanent resident ID number that failed the check; please verify it.</translation>
    </message>
    <message>
      <source>证件照片</source>
      <translation>Card photo</translation>
    </message>
    <message>
      <source>证件：</source>
      <translation>Document:</translation>
    </message>
    <message>
      <source>该申请人有{n}件未办结的办件，选择同一事项时将提示。</source>
      <translation>This applicant has {n} open cases; you will be warned when choosing the same item.</translation>
    </message>
    <message>
      <source>读身份证 (F7)</source>
      <translation>Read ID card (F7)</translation>
    </message>
    <message>
      <source>身份证放上阅读器自动读取（或按 F7）；插入社保卡自动读取；或扫描医保电子凭证（扫码枪直接扫，或按 F6 用摄像头）；或输入公民身份号码。</source>
      <translation>Lay the ID card on the reader (or press F7); insert the social security card; or scan the medical insurance e-voucher (scanner gun, or F6 for the camera); or type the citizen ID number.</translation>
    </message>
    <message>
      <source>身份证：</source>
      <translation>ID card:</translation>
    </message>
    <message>
      <source>长期</source>
      <translation>long-term</translation>
    </message>
    <message>
      <source>（已过期）</source>
      <translation> (expired)</translation>
    </message>
  </context>
  <context>
    <name>ImageViewer</name>
    <message>
      <source>上一页 (PgUp)</source>
      <translation>Previous page (PgUp)</translation>
    </message>
    <message>
      <source>下一页 (PgDn)</source>
      <translation>Next page (PgDn)</translation>
    </message>
    <message>
      <source>放大 (+)</source>
      <translation>Zoom in (+)</translation>
    </message>
    <message>
      <source>查看材料</source>
      <translation>Material viewer</translation>
    </message>
    <message>
      <source>此页无法显示（文件缺失、损坏或尚未解锁）。</source>
      <translation>This page cannot be shown (file missing, damaged or not unlocked yet).</translation>
    </message>
    <message>
      <source>第 {n} / {count} 页</source>
      <translation>Page {n} / {count}</translation>
    </message>
    <message>
      <source>第 {n} / {count} 页（正在打开…）</source>
      <translation>Page {n} / {count} (opening…)</translation>
    </message>
    <message>
      <source>缩小 (-)</source>
      <translation>Zoom out (-)</translation>
    </message>
    <message>
      <source>适合窗口 (0)</source>
      <translation>Fit window (0)</translation>
    </message>
  </context>
  <context>
    <name>IntakeFlow</name>
    <message>
      <source>上一步 (Alt+←)</source>
      <translation>Back (Alt+←)</translation>
    </message>
    <message>
      <source>下一步 (Ctrl+Enter)</source>
      <translation>Next (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>保留草稿，开始新办件</source>
      <translation>Keep the draft, start a new case</translation>
    </message>
    <message>
      <source>办件 {case_no}（{item}）尚未提交，已保存为草稿，可在办件台选中后按“继续填写草稿 (Ctrl+E)”接着办理。保留草稿并开始新办件吗？</source>
      <translation>Case {case_no} ({item}) has not been submitted; it is saved as a draft and can be continued from the case desk with “Continue the draft (Ctrl+E)”. Keep the draft and start a new case?</translation>
    </message>
    <message>
      <source>办理结果</source>
      <translation>Outcome</translation>
    </message>
    <message>
      <source>受理信息</source>
      <translation>Intake details</translation>
    </message>
    <message>
      <source>另起新办件</source>
      <translation>Start a new case</translation>
    </message>
    <message>
      <source>已有草稿</source>
      <translation>Draft exists</translation>
    </message>
    <message>
      <source>提交受理 (Ctrl+Enter)</source>
      <translation>Submit (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>收取材料</source>
      <translation>Materials</translation>
    </message>
    <message>
      <source>本件文书已打印过。补打原因：</source>
      <translation>These documents were printed before. Reason for the reprint:</translation>
    </message>
    <message>
      <source>材料 {name}：{status}</source>
      <translation>Material {name}: {status}</translation>
    </message>
    <message>
      <source>申请人评价：{rating}</source>
      <translation>Applicant's rating: {rating}</translation>
    </message>
    <message>
      <source>申请人：{name}    办件 {case_no}    {item}</source>
      <translation>Applicant: {name}    case {case_no}    {item}</translation>
    </message>
    <message>
      <source>申请人：{name}  {id_number}</source>
      <translation>Applicant: {name}  {id_number}</translation>
    </message>
    <message>
      <source>离开当前办件</source>
      <translation>Leave this case</translation>
    </message>
    <message>
      <source>继续办理当前办件</source>
      <translation>Stay with this case</translation>
    </message>
    <message>
      <source>继续填写草稿</source>
      <translation>Continue the draft</translation>
    </message>
    <message>
      <source>补打</source>
      <translation>Reprint</translation>
    </message>
    <message>
      <source>该申请人已有该事项的草稿 {case_no}（未提交）。继续填写这份草稿，还是另起新办件？</source>
      <translation>This applicant already has a draft of this item, {case_no} (not submitted). Continue that draft, or start a new case?</translation>
    </message>
    <message>
      <source>请申请人在评价器上评价本次服务……</source>
      <translation>Please ask the applicant to rate this service on the evaluator…</translation>
    </message>
    <message>
      <source>身份核验</source>
      <translation>Identify</translation>
    </message>
    <message>
      <source>返回</source>
      <translation>Back</translation>
    </message>
    <message>
      <source>选择事项</source>
      <translation>Service item</translation>
    </message>
  </context>
  <context>
    <name>IntakeForm</name>
    <message>
      <source>18位公民身份号码</source>
      <translation>18-digit citizen ID number</translation>
    </message>
    <message>
      <source>6/9/12位行政区划代码</source>
      <translation>6/9/12-digit administrative region code</translation>
    </message>
    <message>
      <source>6位邮政编码</source>
      <translation>6-digit postal code</translation>
    </message>
    <message>
      <source>{item}（{code}）  办件编号 {case_no}  带 * 为必填</source>
      <translation>{item} ({code})  Case number {case_no}  * required</translation>
    </message>
    <message>
      <source>可多选，用顿号分隔：</source>
      <translation>Several allowed, separated by 、: </translation>
    </message>
    <message>
      <source>如 2026-01-31</source>
      <translation>e.g. 2026-01-31</translation>
    </message>
    <message>
      <source>尚未保存</source>
      <translation>Not saved yet</translation>
    </message>
    <message>
      <source>手机号码或带区号的固定电话</source>
      <translation>Mobile number, or landline with area code</translation>
    </message>
    <message>
      <source>正在输入…</source>
      <translation>Typing…</translation>
    </message>
    <message>
      <source>申请人同意接收短信通知（受理、补正、办结等办理进展发送至上方联系电话）</source>
      <translation>The applicant agrees to SMS notices (acceptance, supplement, completion … sent to the phone above)</translation>
    </message>
    <message>
      <source>短信通知</source>
      <translation>SMS notices</translation>
    </message>
    <message>
      <source>短信通知同意</source>
      <translation>SMS consent</translation>
    </message>
    <message>
      <source>短信通知须在联系电话中填写 11 位手机号码。</source>
      <translation>SMS notices need an 11-digit mobile number in the phone field.</translation>
    </message>
    <message>
      <source>第三步：填写受理信息</source>
      <translation>Step 3: fill in the intake details</translation>
    </message>
    <message>
      <source>草稿已保存</source>
      <translation>Draft saved</translation>
    </message>
    <message>
      <source>草稿已自动保存 {time}</source>
      <translation>Draft autosaved {time}</translation>
    </message>
    <message>
      <source>草稿未能保存：</source>
      <translation>Draft not saved: </translation>
    </message>
    <message>
      <source>证件号码</source>
      <translation>Document number</translation>
    </message>
    <message>
      <source>请从下拉列表中选择地点（↓ 选择，Enter 确定）</source>
      <translation>Choose the place from the list (↓ to select, Enter to confirm)</translation>
    </message>
    <message>
      <source>输入地名、拼音或代码，如 都匀、duyun、522701</source>
      <translation>Type a place name, its pinyin or code, e.g. 都匀, duyun, 522701</translation>
    </message>
    <message>
      <source>金额（元），如 1280.50</source>
      <translation>Amount (yuan), e.g. 1280.50</translation>
    </message>
    <message>
      <source>银行卡号</source>
      <translation>Bank card number</translation>
    </message>
    <message>
      <source>须先征得申请人同意；不勾选则不发送短信，通知内容仍存档并打印在回执、告知书上。</source>
      <translation>Ask the applicant first; unticked, no SMS is sent, and the message is still kept and printed on the receipt and notices.</translation>
    </message>
    <message>
      <source>（乡镇/村级代码）</source>
      <translation> (township/village code)</translation>
    </message>
  </context>
  <context>
    <name>ItemChooser</name>
    <message>
      <source>  ⚠ 有未办结办件</source>
      <translation>  ⚠ open case</translation>
    </message>
    <message>
      <source>  本站近期办理{n}件</source>
      <translation>  {n} recent cases here</translation>
    </message>
    <message>
      <source>搜索服务事项</source>
      <translation>Search service items</translation>
    </message>
    <message>
      <source>本服务点（{level}级）不能受理该事项</source>
      <translation>This service point ({level} level) may not accept this item</translation>
    </message>
    <message>
      <source>本服务点（{level}级）不能受理该事项，请引导申请人到上级经办机构办理。</source>
      <translation>This service point ({level} level) may not accept this item; please direct the applicant to the higher-level office.</translation>
    </message>
    <message>
      <source>第二步：选择服务事项</source>
      <translation>Step 2: choose the service item</translation>
    </message>
    <message>
      <source>输入事项名称、拼音首字母（如 ydjy）或事项编码；↑↓ 选择，Enter 确定</source>
      <translation>Type the item name, pinyin initials (e.g. ydjy) or item code; ↑↓ to choose, Enter to confirm</translation>
    </message>
    <message>
      <source>重复办理提醒：该申请人已有该事项未办结的办件 {numbers}。确需再次申请请按 Enter 继续。</source>
      <translation>Duplicate warning: this applicant already has an open case for this item: {numbers}. Press Enter to go on only if a new application is really needed.</translation>
    </message>
  </context>
  <context>
    <name>Ledger</name>
    <message>
      <source>办件编号</source>
      <translation>Case number</translation>
    </message>
    <message>
      <source>办理事项</source>
      <translation>Service item</translation>
    </message>
    <message>
      <source>办理结果</source>
      <translation>Result</translation>
    </message>
    <message>
      <source>受理时间</source>
      <translation>Taken in at</translation>
    </message>
    <message>
      <source>好差评</source>
      <translation>Rating</translation>
    </message>
    <message>
      <source>差评原因</source>
      <translation>Reason for bad rating</translation>
    </message>
    <message>
      <source>申请人</source>
      <translation>Applicant</translation>
    </message>
    <message>
      <source>经办人</source>
      <translation>Clerk</translation>
    </message>
  </context>
  <context>
    <name>LedgerWindow</name>
    <message>
      <source>Excel 工作簿 (*.xlsx)</source>
      <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
      <source>从</source>
      <translation>From</translation>
    </message>
    <message>
      <source>共 {total} 件。按办理结果：{result}
按事项：{item}
按经办人：{clerk}</source>
      <translation>{total} cases. By result: {result}
By item: {item}
By clerk: {clerk}</translation>
    </message>
    <message>
      <source>到</source>
      <translation>to</translation>
    </message>
    <message>
      <source>办件台账</source>
      <translation>Case ledger</translation>
    </message>
    <message>
      <source>办件日结单</source>
      <translation>End-of-day summary</translation>
    </message>
    <message>
      <source>导出 Excel (Ctrl+E)</source>
      <translation>Export to Excel (Ctrl+E)</translation>
    </message>
    <message>
      <source>导出办件台账</source>
      <translation>Export the case ledger</translation>
    </message>
    <message>
      <source>已导出 {rows} 条到 {file}。</source>
      <translation>Exported {rows} rows to {file}.</translation>
    </message>
    <message>
      <source>打印台账 (Ctrl+P)</source>
      <translation>Print ledger (Ctrl+P)</translation>
    </message>
    <message>
      <source>打印日结单 (Ctrl+J)</source>
      <translation>Print end-of-day summary (Ctrl+J)</translation>
    </message>
    <message>
      <source>按好差评：{rating}（差评 {bad} 件）</source>
      <translation>By rating: {rating} ({bad} bad ratings)</translation>
    </message>
    <message>
      <source>查询 (Enter)</source>
      <translation>Show (Enter)</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <source>{login} 的密码已重置，请用新密码登录。</source>
      <translation>The password of {login} was reset; sign in with the new password.</translation>
    </message>
    <message>
      <source>从备份恢复…</source>
      <translation>Restore from a backup…</translation>
    </message>
    <message>
      <source>医保通办 — 登录</source>
      <translation>Tongban — sign in</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>密码</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>已从备份恢复（原数据库另存于 backups/），请登录。</source>
      <translation>Restored from the backup (the previous database is kept in backups/). Please sign in.</translation>
    </message>
    <message>
      <source>忘记密码（用恢复密钥重置）</source>
      <translation>Forgot the password (reset with the recovery key)</translation>
    </message>
    <message>
      <source>正在验证密码…</source>
      <translation>Checking the password…</translation>
    </message>
    <message>
      <source>登录</source>
      <translation>Sign in</translation>
    </message>
    <message>
      <source>登录名</source>
      <translation>Login</translation>
    </message>
    <message>
      <source>请输入登录名和密码</source>
      <translation>Enter your login and password</translation>
    </message>
    <message>
      <source>请输入登录名和密码。</source>
      <translation>Enter your login and password.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>⚠ 磁盘剩余 {free_mb} MB，请清理</source>
      <translation>⚠ Only {free_mb} MB of disk space left, please free some</translation>
    </message>
    <message>
      <source>关于医保通办</source>
      <translation>About Tongban</translation>
    </message>
    <message>
      <source>切换经办人(&amp;S)</source>
      <translation>&amp;Switch clerk</translation>
    </message>
    <message>
      <source>刷新(&amp;R)</source>
      <translation>&amp;Refresh</translation>
    </message>
    <message>
      <source>办件台 (F3)</source>
      <translation>Case desk (F3)</translation>
    </message>
    <message>
      <source>办件台(&amp;D)</source>
      <translation>Case &amp;desk</translation>
    </message>
    <message>
      <source>办件台账与日结单(&amp;L)…</source>
      <translation>Case &amp;ledger and end-of-day summary…</translation>
    </message>
    <message>
      <source>医保通办 — {station}</source>
      <translation>Tongban — {station}</translation>
    </message>
    <message>
      <source>医保通办 — 基层医保经办服务点离线柜台系统</source>
      <translation>Tongban — the offline counter system for grassroots medical insurance service points</translation>
    </message>
    <message>
      <source>同步(&amp;S)</source>
      <translation>&amp;Sync</translation>
    </message>
    <message>
      <source>同步中心 (F9)</source>
      <translation>Sync centre (F9)</translation>
    </message>
    <message>
      <source>同步中心(&amp;Y)</source>
      <translation>Sync centre (&amp;Y)</translation>
    </message>
    <message>
      <source>套打(&amp;T)…</source>
      <translation>Print onto pre-printed &amp;form…</translation>
    </message>
    <message>
      <source>审计日志(&amp;L)…</source>
      <translation>Audit &amp;log…</translation>
    </message>
    <message>
      <source>客户屏(&amp;V)</source>
      <translation>Customer &amp;view</translation>
    </message>
    <message>
      <source>已完成每日备份（{n} 份）</source>
      <translation>Daily backup done ({n} copies)</translation>
    </message>
    <message>
      <source>已读取社保卡</source>
      <translation>Social security card read</translation>
    </message>
    <message>
      <source>已读取身份证</source>
      <translation>ID card read</translation>
    </message>
    <message>
      <source>帮助(&amp;H)</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>当前为只读状态，不能新受理。</source>
      <translation>Read-only: no new intake possible.</translation>
    </message>
    <message>
      <source>打印(&amp;P)</source>
      <translation>&amp;Print</translation>
    </message>
    <message>
      <source>打印机设置(&amp;S)…</source>
      <translation>Printer settings (&amp;S)…</translation>
    </message>
    <message>
      <source>批量受理(&amp;B)…</source>
      <translation>&amp;Batch intake…</translation>
    </message>
    <message>
      <source>批量打印(&amp;B)…</source>
      <translation>&amp;Batch printing…</translation>
    </message>
    <message>
      <source>操作指南和快捷键(&amp;G)</source>
      <translation>&amp;Guide and shortcut keys</translation>
    </message>
    <message>
      <source>新办件(&amp;N)</source>
      <translation>&amp;New case</translation>
    </message>
    <message>
      <source>服务点 {code}（{level}级）</source>
      <translation>Service point {code} ({level} level)</translation>
    </message>
    <message>
      <source>柜台(&amp;C)</source>
      <translation>&amp;Counter</translation>
    </message>
    <message>
      <source>柜台受理 (F2)</source>
      <translation>Counter intake (F2)</translation>
    </message>
    <message>
      <source>版本：{version}
数据目录：{path}</source>
      <translation>Version: {version}
Data directory: {path}</translation>
    </message>
    <message>
      <source>管理(&amp;A)</source>
      <translation>&amp;Administration</translation>
    </message>
    <message>
      <source>经办人(&amp;U)</source>
      <translation>Clerk (&amp;U)</translation>
    </message>
    <message>
      <source>经办人员(&amp;U)…</source>
      <translation>Cl&amp;erks…</translation>
    </message>
    <message>
      <source>经办人：{name}（{role}）</source>
      <translation>Clerk: {name} ({role})</translation>
    </message>
    <message>
      <source>设备(&amp;E)…</source>
      <translation>D&amp;evices…</translation>
    </message>
    <message>
      <source>身份证阅读器已重新连接</source>
      <translation>ID card reader connected again</translation>
    </message>
    <message>
      <source>身份证阅读器未连接</source>
      <translation>ID card reader not connected</translation>
    </message>
    <message>
      <source>退出(&amp;Q)</source>
      <translation>&amp;Quit</translation>
    </message>
    <message>
      <source>锁屏(&amp;L)</source>
      <translation>&amp;Lock screen</translation>
    </message>
  </context>
  <context>
    <name>MaterialRow</name>
    <message>
      <source>{name}（非必需）</source>
      <translation>{name} (optional)</translation>
    </message>
    <message>
      <source>可容缺</source>
      <translation>may be owed</translation>
    </message>
    <message>
      <source>适用：{condition}</source>
      <translation>Applies when: {condition}</translation>
    </message>
    <message>
      <source>需拍照留存</source>
      <translation>photograph and keep</translation>
    </message>
    <message>
      <source>需核验原件</source>
      <translation>check the original</translation>
    </message>
  </context>
  <context>
    <name>MaterialStatus</name>
    <message>
      <source>不适用</source>
      <translation>Not applicable</translation>
    </message>
    <message>
      <source>容缺</source>
      <translation>Owed</translation>
    </message>
    <message>
      <source>已收取</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>未收取</source>
      <translation>Not received</translation>
    </message>
  </context>
  <context>
    <name>MaterialsChecklist</name>
    <message>
      <source>{n}页</source>
      <translation>{n} pages</translation>
    </message>
    <message>
      <source>不适用</source>
      <translation>Not applicable</translation>
    </message>
    <message>
      <source>图片或PDF (*.jpg *.jpeg *.png *.pdf);;所有文件 (*)</source>
      <translation>Images or PDF (*.jpg *.jpeg *.png *.pdf);;All files (*)</translation>
    </message>
    <message>
      <source>容缺受理：缺少的材料以个人承诺书代替，限期补齐(&amp;R)</source>
      <translation>Accept with materials owed: a personal undertaking stands in for the missing materials, supplied by a deadline (&amp;R)</translation>
    </message>
    <message>
      <source>尚缺{n}项：</source>
      <translation>{n} missing: </translation>
    </message>
    <message>
      <source>打印{title}</source>
      <translation>Print {title}</translation>
    </message>
    <message>
      <source>打印承诺书交申请人签字（以承诺书代替无法提供的材料）</source>
      <translation>Print the undertaking for the applicant to sign (it stands in for a material they cannot provide)</translation>
    </message>
    <message>
      <source>无法读取文件 {name}。</source>
      <translation>Cannot read the file {name}.</translation>
    </message>
    <message>
      <source>材料齐全。</source>
      <translation>All materials received.</translation>
    </message>
    <message>
      <source>空格勾选已收取并跳到下一项，Tab 逐项；F7 拍照，F8 添加文件；Ctrl+Enter 提交受理。</source>
      <translation>Space ticks as received and moves on, Tab goes item by item; F7 photographs, F8 attaches a file; Ctrl+Enter submits.</translation>
    </message>
    <message>
      <source>第四步：收取材料</source>
      <translation>Step 4: take in the materials</translation>
    </message>
    <message>
      <source>视填写情况</source>
      <translation>Depends on the form</translation>
    </message>
    <message>
      <source>选择材料文件</source>
      <translation>Choose a material file</translation>
    </message>
  </context>
  <context>
    <name>MissingQuestion</name>
    <message>
      <source>出具一次性告知书，退回补正(&amp;G)</source>
      <translation>Issue the one-time notice and return for completion (&amp;G)</translation>
    </message>
    <message>
      <source>容缺受理，{days}个工作日内（{date}前）补齐(&amp;R)</source>
      <translation>Accept with materials owed, due within {days} working days (by {date}) (&amp;R)</translation>
    </message>
    <message>
      <source>尚缺{n}项必需材料：
{names}

请选择如何办理：</source>
      <translation>{n} required material(s) missing:
{names}

How should the case go on?</translation>
    </message>
    <message>
      <source>所缺材料不全属于可容缺的材料，不能容缺受理。</source>
      <translation>Not every missing material may be owed, so the case cannot be accepted with materials owed.</translation>
    </message>
    <message>
      <source>材料不齐</source>
      <translation>Materials incomplete</translation>
    </message>
    <message>
      <source>返回继续收取材料 (Esc)</source>
      <translation>Back to the materials (Esc)</translation>
    </message>
  </context>
  <context>
    <name>OverlayPrintDialog</name>
    <message>
      <source> 毫米</source>
      <translation> mm</translation>
    </message>
    <message>
      <source>上</source>
      <translation>top</translation>
    </message>
    <message>
      <source>下移</source>
      <translation>Down</translation>
    </message>
    <message>
      <source>以实际大小打印校准页，量出两个十字中心到纸张左边和上边的距离（毫米），填入下面，再按“计算”。</source>
      <translation>Print the calibration page at actual size, measure the distance of both cross centres from the sheet's left and top edges (mm), enter them below and press “Compute”.</translation>
    </message>
    <message>
      <source>保存校准</source>
      <translation>Save calibration</translation>
    </message>
    <message>
      <source>办件编号，如 522701-001-20261123-0001</source>
      <translation>Case number, e.g. 522701-001-20261123-0001</translation>
    </message>
    <message>
      <source>办件编号：</source>
      <translation>Case number:</translation>
    </message>
    <message>
      <source>右移</source>
      <translation>Right</translation>
    </message>
    <message>
      <source>套打办件文书</source>
      <translation>Print a case's form onto a pre-printed sheet</translation>
    </message>
    <message>
      <source>套打预览…</source>
      <translation>Preview values only…</translation>
    </message>
    <message>
      <source>套打（在预印表格上只打印填写内容）</source>
      <translation>Pre-printed forms (print the filled-in values only)</translation>
    </message>
    <message>
      <source>已保存的校准：右移 {dx:.2f} 毫米，下移 {dy:.2f} 毫米，缩放 {scale:.5f}</source>
      <translation>Saved calibration: right {dx:.2f} mm, down {dy:.2f} mm, scale {scale:.5f}</translation>
    </message>
    <message>
      <source>打印机：</source>
      <translation>Printer:</translation>
    </message>
    <message>
      <source>打印校准页…</source>
      <translation>Print calibration page…</translation>
    </message>
    <message>
      <source>按校准打印检查页…</source>
      <translation>Print check page with calibration…</translation>
    </message>
    <message>
      <source>文书：</source>
      <translation>Document:</translation>
    </message>
    <message>
      <source>标记1 左</source>
      <translation>Mark 1 left</translation>
    </message>
    <message>
      <source>标记2 左</source>
      <translation>Mark 2 left</translation>
    </message>
    <message>
      <source>校准：</source>
      <translation>Calibration:</translation>
    </message>
    <message>
      <source>此打印机尚未校准：套打按原位置、原大小打印。</source>
      <translation>This printer is not calibrated: values print at their place and size.</translation>
    </message>
    <message>
      <source>此打印机的校准</source>
      <translation>This printer's calibration</translation>
    </message>
    <message>
      <source>缩放</source>
      <translation>Scale</translation>
    </message>
    <message>
      <source>计算</source>
      <translation>Compute</translation>
    </message>
    <message>
      <source>量得位置：</source>
      <translation>Measured:</translation>
    </message>
    <message>
      <source>（系统默认打印机）</source>
      <translation>(system default printer)</translation>
    </message>
  </context>
  <context>
    <name>PageCaptureWindow</name>
    <message>
      <source>{page}已拍好。</source>
      <translation>{page} captured.</translation>
    </message>
    <message>
      <source>{page}已重拍。</source>
      <translation>{page} retaken.</translation>
    </message>
    <message>
      <source>上移 (Ctrl+↑)</source>
      <translation>Move up (Ctrl+↑)</translation>
    </message>
    <message>
      <source>下移 (Ctrl+↓)</source>
      <translation>Move down (Ctrl+↓)</translation>
    </message>
    <message>
      <source>保存 (Ctrl+Enter)</source>
      <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
      <source>关闭 (Esc)</source>
      <translation>Close (Esc)</translation>
    </message>
    <message>
      <source>删除 (Del)</source>
      <translation>Delete (Del)</translation>
    </message>
    <message>
      <source>已删除一页，后面的页码已前移。</source>
      <translation>Page deleted; the pages after it moved up.</translation>
    </message>
    <message>
      <source>已拍页面</source>
      <translation>Captured pages</translation>
    </message>
    <message>
      <source>把材料放在高拍仪下，放稳后自动拍摄，或按空格。</source>
      <translation>Lay the document under the camera; it is captured when it holds still, or press Space.</translation>
    </message>
    <message>
      <source>拍照 (空格)</source>
      <translation>Capture (Space)</translation>
    </message>
    <message>
      <source>放上下一页；R 重拍，Del 删除，Ctrl+Enter 保存。</source>
      <translation>Lay the next page; R retake, Del delete, Ctrl+Enter save.</translation>
    </message>
    <message>
      <source>放稳后自动拍摄</source>
      <translation>Capture automatically when still</translation>
    </message>
    <message>
      <source>有 {n} 页尚未保存。保存到“{material}”吗？</source>
      <translation>{n} page(s) not saved yet. Save them to "{material}"?</translation>
    </message>
    <message>
      <source>正在处理上一张，请稍候。</source>
      <translation>Still processing the previous photo, please wait.</translation>
    </message>
    <message>
      <source>正在处理照片…</source>
      <translation>Processing the photo…</translation>
    </message>
    <message>
      <source>正面已拍好。请把身份证翻到反面，再按空格。</source>
      <translation>Front captured. Turn the ID card over and press Space again.</translation>
    </message>
    <message>
      <source>第{n}页</source>
      <translation>page {n}</translation>
    </message>
    <message>
      <source>身份证反面</source>
      <translation>ID card back</translation>
    </message>
    <message>
      <source>身份证正反面 (Ctrl+I)</source>
      <translation>ID card front and back (Ctrl+I)</translation>
    </message>
    <message>
      <source>身份证正面</source>
      <translation>ID card front</translation>
    </message>
    <message>
      <source>还没有拍摄任何页面。</source>
      <translation>No page has been captured yet.</translation>
    </message>
    <message>
      <source>还没有画面，请稍候再拍。</source>
      <translation>No picture yet; please wait a moment.</translation>
    </message>
    <message>
      <source>重拍 (R)</source>
      <translation>Retake (R)</translation>
    </message>
    <message>
      <source>重拍{page}：放好后按空格，新照片替换这一页。</source>
      <translation>Retake {page}: lay it and press Space; the new photo replaces this page.</translation>
    </message>
    <message>
      <source>高拍仪</source>
      <translation>Document camera</translation>
    </message>
    <message>
      <source>高拍仪 — {material}</source>
      <translation>Document camera — {material}</translation>
    </message>
    <message>
      <source>（身份证正反面）</source>
      <translation> (ID card front and back)</translation>
    </message>
    <message>
      <source>（重拍）</source>
      <translation> (retake)</translation>
    </message>
    <message>
      <source>：{side}</source>
      <translation>: {side}</translation>
    </message>
  </context>
  <context>
    <name>PathField</name>
    <message>
      <source>浏览…</source>
      <translation>Browse…</translation>
    </message>
  </context>
  <context>
    <name>PreviewDialog</name>
    <message>
      <source>份数：</source>
      <translation>Copies: </translation>
    </message>
    <message>
      <source>打印…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <source>打印预览 — {title}</source>
      <translation>Print preview — {title}</translation>
    </message>
    <message>
      <source>补打，原因：{reason}</source>
      <translation>Reprint, reason: {reason}</translation>
    </message>
  </context>
  <context>
    <name>PrinterChoice</name>
    <message>
      <source>打印为PDF文件…</source>
      <translation>Print to PDF files…</translation>
    </message>
    <message>
      <source>选择保存PDF的文件夹</source>
      <translation>Choose the folder for the PDF files</translation>
    </message>
  </context>
  <context>
    <name>PrinterSettingsDialog</name>
    <message>
      <source>A4 打印机：</source>
      <translation>A4 printer:</translation>
    </message>
    <message>
      <source>F12 直接打印办件的全部文书：受理回执送回执打印机，其余送 A4 打印机，不弹出对话框。</source>
      <translation>F12 prints all documents of a case without a dialog: the receipt to the receipt printer, the rest to the A4 printer.</translation>
    </message>
    <message>
      <source>回执打印机（80mm）：</source>
      <translation>Receipt printer (80 mm):</translation>
    </message>
    <message>
      <source>打印机设置</source>
      <translation>Printer settings</translation>
    </message>
    <message>
      <source>（不用回执打印机：回执用A4打印）</source>
      <translation>(no receipt printer: receipts on A4)</translation>
    </message>
    <message>
      <source>（系统默认打印机）</source>
      <translation>(the system's default printer)</translation>
    </message>
  </context>
  <context>
    <name>Rating</name>
    <message>
      <source>不满意</source>
      <translation>Dissatisfied</translation>
    </message>
    <message>
      <source>基本满意</source>
      <translation>Fairly satisfied</translation>
    </message>
    <message>
      <source>满意</source>
      <translation>Satisfied</translation>
    </message>
    <message>
      <source>非常不满意</source>
      <translation>Very dissatisfied</translation>
    </message>
    <message>
      <source>非常满意</source>
      <translation>Very satisfied</translation>
    </message>
  </context>
  <context>
    <name>RecoveryKeyDialog</name>
    <message>
      <source>以下经办人员需由管理员重置密码后才能登录：{names}</source>
      <translation>These clerks need a password reset by an admin before they can sign in: {names}</translation>
    </message>
    <message>
      <source>已妥善保存，关闭</source>
      <translation>Stored safely, close</translation>
    </message>
    <message>
      <source>恢复密钥</source>
      <translation>Recovery key</translation>
    </message>
    <message>
      <source>打印…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <source>新的恢复密钥</source>
      <translation>New recovery key</translation>
    </message>
    <message>
      <source>新的恢复密钥只显示这一次，请打印或抄写后放入服务点保险柜，旧恢复密钥已作废。此前的备份文件仍用旧密钥加密：请新做一次备份，并按规定销毁或封存旧备份。</source>
      <translation>The new recovery key is shown only this once: print it or write it down and keep it in the station's safe; the old recovery key no longer works. Earlier backups are still encrypted with the old key: make a new backup and destroy or seal the old ones as the rules require.</translation>
    </message>
    <message>
      <source>有 {n} 个材料文件已损坏，未能重新加密，请联系技术支持检查数据（深度检查）。</source>
      <translation>{n} material files are damaged and could not be re-encrypted; ask technical support for a deep data check.</translation>
    </message>
  </context>
  <context>
    <name>RecoveryResetDialog</name>
    <message>
      <source>再次输入新密码</source>
      <translation>New password again</translation>
    </message>
    <message>
      <source>医保通办 — 用恢复密钥重置密码</source>
      <translation>Tongban — reset a password with the recovery key</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>恢复密钥</source>
      <translation>Recovery key</translation>
    </message>
    <message>
      <source>新密码</source>
      <translation>New password</translation>
    </message>
    <message>
      <source>正在验证恢复密钥…</source>
      <translation>Checking the recovery key…</translation>
    </message>
    <message>
      <source>登录名</source>
      <translation>Login</translation>
    </message>
    <message>
      <source>请填写恢复密钥、登录名和新密码。</source>
      <translation>Fill in the recovery key, the login and the new password.</translation>
    </message>
    <message>
      <source>请输入服务点设立时打印的恢复密钥、要重置的登录名和新密码。</source>
      <translation>Enter the recovery key printed when the service point was set up, the login to reset and the new password.</translation>
    </message>
    <message>
      <source>重置密码</source>
      <translation>Reset password</translation>
    </message>
  </context>
  <context>
    <name>RestoreBackupDialog</name>
    <message>
      <source>不用密码时填写</source>
      <translation>Instead of a password</translation>
    </message>
    <message>
      <source>医保通办 — 从备份恢复</source>
      <translation>Tongban — Restore from a backup</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>备份文件</source>
      <translation>Backup file</translation>
    </message>
    <message>
      <source>备份文件 (*.zip)</source>
      <translation>Backup files (*.zip)</translation>
    </message>
    <message>
      <source>密码</source>
      <translation>Password</translation>
    </message>
    <message>
      <source>恢复</source>
      <translation>Restore</translation>
    </message>
    <message>
      <source>或恢复密钥</source>
      <translation>Or the recovery key</translation>
    </message>
    <message>
      <source>数据库无法打开。请选择备份文件，并输入管理员的登录名和密码，或服务点的恢复密钥。当前数据库会先另存于 backups/。</source>
      <translation>The database cannot be opened. Choose a backup file and enter an administrator's login and password, or the station's recovery key. The current database is first kept in backups/.</translation>
    </message>
    <message>
      <source>正在校验备份并恢复…</source>
      <translation>Checking the backup and restoring…</translation>
    </message>
    <message>
      <source>登录名</source>
      <translation>Login</translation>
    </message>
    <message>
      <source>请选择备份文件，并填写管理员登录名和密码，或恢复密钥。</source>
      <translation>Choose a backup file and enter an administrator's login and password, or the recovery key.</translation>
    </message>
    <message>
      <source>选择…</source>
      <translation>Choose…</translation>
    </message>
    <message>
      <source>选择备份文件</source>
      <translation>Choose a backup file</translation>
    </message>
  </context>
  <context>
    <name>ResultPage</name>
    <message>
      <source>⚠ 本机时钟异常，承诺办结日期未按本机日期，而按本站已知的最晚日期或中心端时间起算（已在办理过程中注明）。请核对电脑日期和时间。</source>
      <translation>⚠ This PC's clock is wrong: the promised completion date counts from the latest date known at this service point or the central platform's time, not this PC's date (noted in the timeline). Check the computer's date and time.</translation>
    </message>
    <message>
      <source>一次性告知书已生成，请交申请人。</source>
      <translation>The one-time notice of missing materials is ready; give it to the applicant.</translation>
    </message>
    <message>
      <source>一次性告知，尚缺以下材料：</source>
      <translation>One-time notice, these materials are missing: </translation>
    </message>
    <message>
      <source>办件编号：{case_no}</source>
      <translation>Case number: {case_no}</translation>
    </message>
    <message>
      <source>办理下一件 (F2)</source>
      <translation>Next case (F2)</translation>
    </message>
    <message>
      <source>办理时限：{time_limit}</source>
      <translation>Time limit: {time_limit}</translation>
    </message>
    <message>
      <source>办理时限：{time_limit}    承诺办结日期：{date}</source>
      <translation>Time limit: {time_limit}    Promised completion: {date}</translation>
    </message>
    <message>
      <source>受理回执已生成。</source>
      <translation>The intake receipt is ready.</translation>
    </message>
    <message>
      <source>容缺材料补齐期限：{date}</source>
      <translation>Owed materials due by: {date}</translation>
    </message>
    <message>
      <source>容缺材料（须限期补齐）：</source>
      <translation>Materials owed (to be supplied by the deadline): </translation>
    </message>
    <message>
      <source>已打印：</source>
      <translation>Printed: </translation>
    </message>
    <message>
      <source>已补打：</source>
      <translation>Reprinted: </translation>
    </message>
    <message>
      <source>未生成通知短信：{why}。</source>
      <translation>No SMS message was made: {why}.</translation>
    </message>
    <message>
      <source>本站目录未配置该事项的咨询电话（由县级管理员在本地配置中填写）</source>
      <translation>this station's catalog has no enquiry phone for the item (the county administrator sets it in the local configuration)</translation>
    </message>
    <message>
      <source>材料补齐后再次受理，办件编号不变。</source>
      <translation>Accept again once the materials are complete; the case number stays the same.</translation>
    </message>
    <message>
      <source>消息模板缺少需要填写的内容：{value}</source>
      <translation>the message template lacks a value: {value}</translation>
    </message>
    <message>
      <source>状态：{state}</source>
      <translation>State: {state}</translation>
    </message>
    <message>
      <source>申请人同意以短信接收办理进展（发送至受理信息中的联系电话）</source>
      <translation>The applicant agrees to SMS progress notices (to the contact phone on the form)</translation>
    </message>
    <message>
      <source>直接打印全部文书 (F12)</source>
      <translation>Print all documents (F12)</translation>
    </message>
    <message>
      <source>第五步：办理结果</source>
      <translation>Step 5: outcome</translation>
    </message>
    <message>
      <source>通知短信（发送至 {phone}）：</source>
      <translation>Notice SMS (to {phone}): </translation>
    </message>
    <message>
      <source>通知短信（申请人未同意短信，仅存档）：</source>
      <translation>Notice SMS (no consent, kept on file only): </translation>
    </message>
    <message>
      <source>预览、打印 (Ctrl+P)</source>
      <translation>Preview, print (Ctrl+P)</translation>
    </message>
    <message>
      <source>（即办件，已当场办结）</source>
      <translation> (immediate item, finished at the counter)</translation>
    </message>
    <message>
      <source>（容缺受理）</source>
      <translation> (accepted with materials owed)</translation>
    </message>
    <message>
      <source>（已转{level}级经办机构办理）</source>
      <translation> (forwarded to the {level}-level agency)</translation>
    </message>
    <message>
      <source>（暂定：{year}年节假日安排未到，如遇法定节假日顺延）</source>
      <translation> (provisional: the {year} holiday schedule has not arrived; moved on by statutory holidays)</translation>
    </message>
    <message>
      <source>［本站拟定模板］</source>
      <translation> [template composed at this station]</translation>
    </message>
  </context>
  <context>
    <name>RotationStep</name>
    <message>
      <source>切换到新密钥</source>
      <translation>Switching to the new key</translation>
    </message>
    <message>
      <source>重新加密材料文件</source>
      <translation>Re-encrypting material files</translation>
    </message>
  </context>
  <context>
    <name>StationLevel</name>
    <message>
      <source>乡镇</source>
      <translation>township</translation>
    </message>
    <message>
      <source>县</source>
      <translation>county</translation>
    </message>
    <message>
      <source>市</source>
      <translation>city</translation>
    </message>
    <message>
      <source>村</source>
      <translation>village</translation>
    </message>
    <message>
      <source>省</source>
      <translation>province</translation>
    </message>
  </context>
  <context>
    <name>SyncCenter</name>
    <message>
      <source>{state}　{status}</source>
      <translation>{state}  {status}</translation>
    </message>
    <message>
      <source>；</source>
      <translation>; </translation>
    </message>
  </context>
  <context>
    <name>SyncStatus</name>
    <message>
      <source>中心已接收</source>
      <translation>Received by the central platform</translation>
    </message>
    <message>
      <source>中心已退回</source>
      <translation>Returned by the central platform</translation>
    </message>
    <message>
      <source>已发送，等待确认</source>
      <translation>Sent, awaiting confirmation</translation>
    </message>
    <message>
      <source>待上传</source>
      <translation>To upload</translation>
    </message>
  </context>
  <context>
    <name>ThumbnailStrip</name>
    <message>
      <source>无法显示</source>
      <translation>Cannot show</translation>
    </message>
    <message>
      <source>材料页面缩略图</source>
      <translation>Material page thumbnails</translation>
    </message>
  </context>
  <context>
    <name>UsbSync</name>
    <message>
      <source>保存同步包到U盘</source>
      <translation>Save the sync bundle to the USB stick</translation>
    </message>
    <message>
      <source>同步包 (*.tbb);;所有文件 (*)</source>
      <translation>Sync bundles (*.tbb);;All files (*)</translation>
    </message>
    <message>
      <source>选择中心端公钥文件</source>
      <translation>Choose the central platform's public key file</translation>
    </message>
    <message>
      <source>选择中心端的回执包</source>
      <translation>Choose the return bundle from the central platform</translation>
    </message>
  </context>
  <context>
    <name>ViewMenu</name>
    <message>
      <source>大字号</source>
      <translation>Large font</translation>
    </message>
    <message>
      <source>标准字号</source>
      <translation>Standard font</translation>
    </message>
    <message>
      <source>特大字号</source>
      <translation>Extra large font</translation>
    </message>
    <message>
      <source>界面语言(&amp;L)</source>
      <translation>Interface &amp;language</translation>
    </message>
    <message>
      <source>界面语言将在下次启动时切换。</source>
      <translation>The interface language changes at the next start.</translation>
    </message>
    <message>
      <source>视图(&amp;V)</source>
      <translation>&amp;View</translation>
    </message>
  </context>
  <context>
    <name>Viewfinder</name>
    <message>
      <source>摄像头未打开</source>
      <translation>Camera not open</translation>
    </message>
  </context>
  <context>
    <name>WorkList</name>
    <message>
      <source>今日受理</source>
      <translation>Accepted today</translation>
    </message>
    <message>
      <source>全部</source>
      <translation>All</translation>
    </message>
    <message>
      <source>办理中</source>
      <translation>In progress</translation>
    </message>
    <message>
      <source>即将到期</source>
      <translation>Due soon</translation>
    </message>
    <message>
      <source>差评待整改</source>
      <translation>Bad ratings to follow up</translation>
    </message>
    <message>
      <source>已办结/已终止</source>
      <translation>Completed / ended</translation>
    </message>
    <message>
      <source>已超期</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>待同步</source>
      <translation>Awaiting sync</translation>
    </message>
    <message>
      <source>待补材料</source>
      <translation>Materials owed</translation>
    </message>
    <message>
      <source>草稿</source>
      <translation>Drafts</translation>
    </message>
    <message>
      <source>被中心退回</source>
      <translation>Returned by the central platform</translation>
    </message>
    <message>
      <source>退回补正</source>
      <translation>Returned for correction</translation>
    </message>
  </context>
  <context>
    <name>messages</name>
    <message>
      <source>2017版外国人永久居留身份证号码中的出生日期可读作{first}或{second}，请填写证件上的出生日期（名单无出生日期列时请到柜台读卡受理）。</source>
      <translation>The date of birth in a 2017-edition foreign permanent resident ID number can be read as {first} or {second}; fill in the date of birth printed on the card (if the list has no date-of-birth column, take the case at the counter with the card reader).</translation>
    </message>
    <message>
      <source>80mm 热敏纸只用于受理回执，{kind} 请用 A4 纸。</source>
      <translation>80 mm thermal paper is only for the intake receipt; print {kind} on A4.</translation>
    </message>
    <message>
      <source>ESC/POS 直连只用于受理回执，{kind} 请用 A4 打印机。</source>
      <translation>Raw ESC/POS printing is for the acceptance receipt only; print {kind} on the A4 printer.</translation>
    </message>
    <message>
      <source>Excel 文件解压后超过{mb}MB（可能含超长内容），已拒绝读取。请另存为新文件或分成几个文件导入。</source>
      <translation>The Excel file inflates to more than {mb} MB (it may hold over-long content) and was not read. Save it as a new file, or split it into several files.</translation>
    </message>
    <message>
      <source>PSAM 卡不支持该卡片或权限不足，请联系设备管理员。</source>
      <translation>The PSAM card does not support this card or lacks the rights; contact the equipment administrator.</translation>
    </message>
    <message>
      <source>U盘同步（没有网络时）</source>
      <translation>USB stick sync (no network)</translation>
    </message>
    <message>
      <source>{county} 的医疗救助参数表版本 {version} 不高于本机已有版本，已拒绝。</source>
      <translation>Medical assistance table version {version} of {county} is not newer than the one on this station; refused.</translation>
    </message>
    <message>
      <source>{county} 的医疗救助参数表缺少版本号或政策文件依据，不能作正式参数。</source>
      <translation>The medical assistance table of {county} has no version or no policy notice; it cannot be used as real parameters.</translation>
    </message>
    <message>
      <source>{county} 的医疗救助参数表（版本 {version}）签名无效或缺失，已拒绝。</source>
      <translation>The medical assistance table of {county} (version {version}) has an invalid or missing signature; refused.</translation>
    </message>
    <message>
      <source>{days} 天</source>
      <translation>{days} d</translation>
    </message>
    <message>
      <source>{days} 天 {hours} 小时</source>
      <translation>{days} d {hours} h</translation>
    </message>
    <message>
      <source>{day} 的办件编号已用完。</source>
      <translation>The case numbers for {day} are used up.</translation>
    </message>
    <message>
      <source>{hours} 小时</source>
      <translation>{hours} h</translation>
    </message>
    <message>
      <source>{hours} 小时 {mins} 分钟</source>
      <translation>{hours} h {mins} min</translation>
    </message>
    <message>
      <source>{kind} 不是申请表，没有空白表（tongban print --list 中标有“可打空白表”的才有）。</source>
      <translation>{kind} is not an application form and has no blank version (see the forms marked “可打空白表” in tongban print --list).</translation>
    </message>
    <message>
      <source>{kind} 不能批量打印。</source>
      <translation>{kind} cannot be batch printed.</translation>
    </message>
    <message>
      <source>{kind} 没有套打模式（可套打的文书：{kinds}）。</source>
      <translation>{kind} has no pre-printed (fields-only) mode (documents that have one: {kinds}).</translation>
    </message>
    <message>
      <source>{level}级服务点的行政区划代码长度不应为{length}位。</source>
      <translation>The region code of a {level}-level service point cannot have {length} digits.</translation>
    </message>
    <message>
      <source>{mins} 分钟</source>
      <translation>{mins} min</translation>
    </message>
    <message>
      <source>{name} 不是审计日志链头文件（audit verify --json 的输出）或医保通办的备份。</source>
      <translation>{name} is neither an audit chain head file (the output of audit verify --json) nor a Tongban backup.</translation>
    </message>
    <message>
      <source>{phase}：{bytes_done} / {bytes_total}　批次 {items_done}/{items_total}　已发送 {wire}　{eta}</source>
      <translation>{phase}: {bytes_done} / {bytes_total}  batch {items_done}/{items_total}  sent {wire}  {eta}</translation>
    </message>
    <message>
      <source>{role}无权执行“{operation}”。</source>
      <translation>{role} may not “{operation}”.</translation>
    </message>
    <message>
      <source>{year} 年的节假日已由程序内置节假日库提供（至 {last} 年），无需导入。</source>
      <translation>The holidays of {year} come with the built-in holiday library (up to {last}); nothing to import.</translation>
    </message>
    <message>
      <source>“{action}”需要填写原因。</source>
      <translation>“{action}” needs a reason.</translation>
    </message>
    <message>
      <source>“{item}”不是个人办理的事项，不能批量导入（每行须有姓名和公民身份号码）。</source>
      <translation>“{item}” is not an item for individuals and cannot be batch imported (each row needs a name and a citizen ID number).</translation>
    </message>
    <message>
      <source>“{label}”应为数字。</source>
      <translation>“{label}” must be a number.</translation>
    </message>
    <message>
      <source>“{label}”应为整数。</source>
      <translation>“{label}” must be a whole number.</translation>
    </message>
    <message>
      <source>“{label}”请从以下选项中选择：{options}。</source>
      <translation>“{label}”: choose one of: {options}.</translation>
    </message>
    <message>
      <source>“{label}”请选择“是”或“否”。</source>
      <translation>“{label}”: choose “是” (yes) or “否” (no).</translation>
    </message>
    <message>
      <source>上传办件</source>
      <translation>Uploading cases</translation>
    </message>
    <message>
      <source>上传材料</source>
      <translation>Uploading materials</translation>
    </message>
    <message>
      <source>上次同步：{at}　{status}</source>
      <translation>Last sync: {at}  {status}</translation>
    </message>
    <message>
      <source>下载参保人员花名册</source>
      <translation>Downloading the enrolment roster</translation>
    </message>
    <message>
      <source>下载审核结果</source>
      <translation>Downloading review results</translation>
    </message>
    <message>
      <source>下载的服务事项目录包校验不一致，已丢弃。</source>
      <translation>The downloaded service catalog package failed its check and was discarded.</translation>
    </message>
    <message>
      <source>不支持旧版 Excel 97-2003（.xls）文件：请在 Excel 中“另存为”Excel 工作簿（.xlsx）或 CSV 后再导入。</source>
      <translation>Old Excel 97-2003 (.xls) files are not supported: in Excel, “Save As” an Excel workbook (.xlsx) or CSV, then import.</translation>
    </message>
    <message>
      <source>不能停用当前登录的账号。</source>
      <translation>You cannot disable the account you are signed in with.</translation>
    </message>
    <message>
      <source>不能写入文件夹 {path}。请检查文件夹是否存在、是否有写入权限。</source>
      <translation>Cannot write to the folder {path}. Check that it exists and may be written to.</translation>
    </message>
    <message>
      <source>与第{first_row}行是同一人（公民身份号码重复）。</source>
      <translation>Same person as row {first_row} (duplicate citizen ID number).</translation>
    </message>
    <message>
      <source>与身份证阅读器通讯校验出错（已重试）。请检查连线后重新读卡。</source>
      <translation>Checksum error talking to the ID card reader (retried). Check the cable and read the card again.</translation>
    </message>
    <message>
      <source>两次输入的新密码不一致。</source>
      <translation>The two new passwords differ.</translation>
    </message>
    <message>
      <source>中心端公钥文件无法识别，请向中心端重新索取公钥文件。</source>
      <translation>The central platform's public key file is not recognised; ask the centre for the key file again.</translation>
    </message>
    <message>
      <source>中心端判定请求重复（可能被重放），已拒绝，请稍后重试。</source>
      <translation>The central platform saw a duplicate (possibly replayed) request and refused it; try again shortly.</translation>
    </message>
    <message>
      <source>中心端地址使用明文 http://，个人信息将不加密地传到 {host}。请改用 https:// 地址；如县里的专网本身已加密，须由管理员明确允许明文连接。</source>
      <translation>The hub address uses plain http://: personal data would travel to {host} unencrypted. Use an https:// address; if the county network is itself encrypted, an administrator must allow plain connections explicitly.</translation>
    </message>
    <message>
      <source>中心端地址无效，应以 https:// 开头。</source>
      <translation>The hub address is not valid; it should start with https://.</translation>
    </message>
    <message>
      <source>中心端已登记本服务点的另一把密钥，拒绝了新密钥：更换密钥须用原密钥签名；若原密钥已丢失，请中心端操作员核实后解除登记密钥（tongban hub reset-key），再重新登记。</source>
      <translation>The hub holds another key for this station and refused the new one: a key change must be signed with the old key; if the old key is lost, the hub operator checks and releases it (tongban hub reset-key), then enrol again.</translation>
    </message>
    <message>
      <source>中心端应答/原因</source>
      <translation>Central platform's answer / reason</translation>
    </message>
    <message>
      <source>中心端拒绝了本机的签名，请联系县级经办机构核对本服务点的登记密钥。</source>
      <translation>The central platform refused this station's signature; ask the county office to check the station's registered key.</translation>
    </message>
    <message>
      <source>中心端拒绝了请求（{hub_code}）。</source>
      <translation>The central platform refused the request ({hub_code}).</translation>
    </message>
    <message>
      <source>中心端无法保存材料文件 {sha256}…，请重新导出后再导入。</source>
      <translation>The central platform could not store material file {sha256}…; export again, then import.</translation>
    </message>
    <message>
      <source>中心端没有办件 {ref}。</source>
      <translation>The central platform has no case {ref}.</translation>
    </message>
    <message>
      <source>中心端没有编码为 {code} 的服务点。</source>
      <translation>The central platform has no service point with code {code}.</translation>
    </message>
    <message>
      <source>中心端的应答没有登记时那个中心端的签名，已拒绝，未上传也未接收任何内容（可能连到了其他中心端）。请系统管理员核对中心端地址；确需更换中心端时，由管理员重新登记（tongban station enroll）。</source>
      <translation>The answer is not signed by the hub this station enrolled with; it was refused and nothing was sent or received (possibly another hub). The administrator should check the hub address; to change hubs, the administrator enrols again (tongban station enroll).</translation>
    </message>
    <message>
      <source>中心端的应答超过 {limit_mb} MB，已停止接收（可能不是真正的中心端，请核对中心端地址）。</source>
      <translation>The hub answered with more than {limit_mb} MB; receiving stopped (this may not be the real hub: check the hub address).</translation>
    </message>
    <message>
      <source>中心端返回了无法识别的应答（HTTP {status}），请稍后重试。</source>
      <translation>The central platform sent an answer that cannot be understood (HTTP {status}); try again later.</translation>
    </message>
    <message>
      <source>中心端：已连接</source>
      <translation>Central platform: connected</translation>
    </message>
    <message>
      <source>中心端：未设置地址</source>
      <translation>Central platform: no address set</translation>
    </message>
    <message>
      <source>中心端：未连接（{seconds} 秒后重试），数据安全保存在本机</source>
      <translation>Central platform: not connected (retry in {seconds} s); data is safe on this PC</translation>
    </message>
    <message>
      <source>中心端：检测中…</source>
      <translation>Central platform: checking…</translation>
    </message>
    <message>
      <source>串口 {port} 正被其他程序占用或没有使用权限。请关闭厂商读卡软件；统信UOS/麒麟上请把本账号加入 dialout 组。</source>
      <translation>Serial port {port} is in use by another program or not permitted. Close the vendor reader software; on UOS/Kylin add this account to the dialout group.</translation>
    </message>
    <message>
      <source>串口组件不可用（未安装 pyserial），请联系技术支持。</source>
      <translation>The serial port component is not available (pyserial is not installed). Please contact support.</translation>
    </message>
    <message>
      <source>串口组件未安装，无法使用串口设备。</source>
      <translation>The serial port component is not installed: serial devices cannot be used.</translation>
    </message>
    <message>
      <source>先导出同步包，把U盘送到县级经办机构导入；带回中心端的回执包后在这里导入，即可看到受理和审核结果。</source>
      <translation>Export the sync bundle and take the USB stick to the county office; import the return bundle you bring back here to see what was accepted and decided.</translation>
    </message>
    <message>
      <source>公民身份号码前17位应为数字，最后一位为数字或X。</source>
      <translation>The first 17 characters of a citizen ID number are digits; the last is a digit or X.</translation>
    </message>
    <message>
      <source>公民身份号码前6位（{value}）不是有效的行政区划代码。</source>
      <translation>The first 6 digits of the citizen ID number ({value}) are not a valid region code.</translation>
    </message>
    <message>
      <source>公民身份号码应为18位，当前为{length}位。</source>
      <translation>A citizen ID number has 18 characters; this one has {length}.</translation>
    </message>
    <message>
      <source>公民身份号码校验位不正确，请核对后重新输入。</source>
      <translation>The check digit of the citizen ID number is wrong; please check and type it again.</translation>
    </message>
    <message>
      <source>其中 {n} 批此前已导入过，未重复处理。</source>
      <translation>{n} of the batches had been imported before and were not applied again.</translation>
    </message>
    <message>
      <source>内容过长（超过{limit}个字符）。</source>
      <translation>Too long (over {limit} characters).</translation>
    </message>
    <message>
      <source>准备上传…</source>
      <translation>Preparing the upload…</translation>
    </message>
    <message>
      <source>出生日期与证件号码中的出生日期不一致。</source>
      <translation>The date of birth does not match the one in the ID number.</translation>
    </message>
    <message>
      <source>分辨率“{value}”格式不对，请写成 宽x高，例如 2592x1944。</source>
      <translation>The resolution "{value}" is not valid; write width x height, e.g. 2592x1944.</translation>
    </message>
    <message>
      <source>列“{column}”在文件中出现了两次，请删除重复的列。</source>
      <translation>Column “{column}” appears twice in the file; delete the duplicate.</translation>
    </message>
    <message>
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>办件 {case_no} 尚未受理，不能出具受理回执。</source>
      <translation>Case {case_no} has not been accepted yet, so there is no intake receipt.</translation>
    </message>
    <message>
      <source>办件 {case_no} 尚未在本服务点办结，不能出具办结通知书。</source>
      <translation>Case {case_no} was not finished at this station: no completion notice can be issued.</translation>
    </message>
    <message>
      <source>办件 {case_no} 已{state}，不能再按草稿修改。</source>
      <translation>Case {case_no} is {state} and can no longer be edited as a draft.</translation>
    </message>
    <message>
      <source>办件 {case_no} 已评价为“{rating}”，每次服务只评价一次。</source>
      <translation>Case {case_no} was already rated "{rating}"; one rating per service.</translation>
    </message>
    <message>
      <source>办件 {case_no} 当前没有需要打印的文书（草稿请先提交受理）。</source>
      <translation>Case {case_no} has no documents to print now (submit a draft first).</translation>
    </message>
    <message>
      <source>办件 {case_no} 没有差评，无需整改。</source>
      <translation>Case {case_no} has no bad rating to follow up.</translation>
    </message>
    <message>
      <source>办件 {case_no} 没有救助对象类别（人员属性），无法核定救助金额。</source>
      <translation>Case {case_no} has no assistance category (person's status), so the assistance amount cannot be assessed.</translation>
    </message>
    <message>
      <source>办件 {case_no} 没有申请人信息。</source>
      <translation>Case {case_no} has no applicant details.</translation>
    </message>
    <message>
      <source>办件 {case_no} 没有缺少的材料，无需出具一次性告知书。</source>
      <translation>Case {case_no} has no missing materials, so no one-time notice of missing materials is needed.</translation>
    </message>
    <message>
      <source>办件 {case_no} 没有记录不予受理的理由，不能出具不予受理通知书。</source>
      <translation>Case {case_no} has no recorded reason for refusal, so no refusal notice can be issued.</translation>
    </message>
    <message>
      <source>办件 {case_no} 状态为{state}，未受理的办件不能出具参保凭证。</source>
      <translation>Case {case_no} is {state}: no insurance certificate is issued for a case that was not accepted.</translation>
    </message>
    <message>
      <source>办件 {case_no} 的“{material}”尚未拍照或上传，没有可导出的页面。</source>
      <translation>“{material}” of case {case_no} has not been photographed or uploaded; there are no pages to export.</translation>
    </message>
    <message>
      <source>办件 {case_no} 的差评已登记整改。</source>
      <translation>The follow-up of case {case_no}'s bad rating is already recorded.</translation>
    </message>
    <message>
      <source>办件 {case_no} 的材料清单中没有“{material}”，可用 --list 查看材料代码。</source>
      <translation>Case {case_no} has no material “{material}” in its list; --list shows the material codes.</translation>
    </message>
    <message>
      <source>办件同步状态（每件最新一次）</source>
      <translation>Case sync states (latest per case)</translation>
    </message>
    <message>
      <source>办件属于其他服务点</source>
      <translation>The case belongs to another service point</translation>
    </message>
    <message>
      <source>办件数</source>
      <translation>Cases</translation>
    </message>
    <message>
      <source>办件状态</source>
      <translation>Case state</translation>
    </message>
    <message>
      <source>办件编号</source>
      <translation>Case number</translation>
    </message>
    <message>
      <source>办件编号格式不正确（应如 522701-007-20261123-0001）。</source>
      <translation>Malformed case number (it looks like 522701-007-20261123-0001).</translation>
    </message>
    <message>
      <source>办理事项</source>
      <translation>Service item</translation>
    </message>
    <message>
      <source>医保报销、大病保险报销与其他渠道报销之和不能大于合规医疗费用。</source>
      <translation>Basic insurance, critical illness insurance and other reimbursements together cannot exceed the eligible costs.</translation>
    </message>
    <message>
      <source>医保电子凭证二维码中的省份代码 {province} 无效，请刷新凭证后重扫。</source>
      <translation>The province code {province} in the e-voucher QR code is not valid; refresh the voucher and scan again.</translation>
    </message>
    <message>
      <source>医保电子凭证二维码含有非数字字符，请刷新凭证后重扫。</source>
      <translation>The e-voucher QR code contains non-digits; refresh the voucher and scan again.</translation>
    </message>
    <message>
      <source>医保电子凭证二维码格式不符（结尾应为 0000），请刷新凭证后重扫。</source>
      <translation>The e-voucher QR code is malformed (it should end in 0000); refresh the voucher and scan again.</translation>
    </message>
    <message>
      <source>医保电子凭证二维码长度不符（{length} 位，应为 {expected} 位），请刷新凭证后重扫。</source>
      <translation>The e-voucher QR code has the wrong length ({length} digits, expected {expected}); refresh the voucher and scan again.</translation>
    </message>
    <message>
      <source>医疗救助政策参数文件格式有误：{detail}</source>
      <translation>The medical assistance policy file is malformed: {detail}</translation>
    </message>
    <message>
      <source>单位编码只能包含字母和数字，最长30位。</source>
      <translation>An employer code has only letters and digits, at most 30.</translation>
    </message>
    <message>
      <source>卡内数据格式异常，无法识别。请改用身份证号或电子凭证办理。</source>
      <translation>The card's data is malformed and cannot be read. Use the ID number or the e-voucher instead.</translation>
    </message>
    <message>
      <source>卡内社会保障号码校验未通过，请核对证件。</source>
      <translation>The social security number on the card fails its check; please check the documents.</translation>
    </message>
    <message>
      <source>卡片无应答。请确认插入的是社保卡、芯片朝上且插到底。</source>
      <translation>The card does not answer. Make sure it is a social security card, chip up and pushed all the way in.</translation>
    </message>
    <message>
      <source>卡片认证失败，请确认读卡器中的 PSAM 卡与本地区匹配。</source>
      <translation>Card authentication failed; make sure the PSAM card in the reader matches this region.</translation>
    </message>
    <message>
      <source>厂商读卡库打不开端口号 {port} 上的身份证阅读器（厂商读卡库的端口号：USB 口为 1001–1016，串口为 1–16）。请检查 USB 连线，或在 管理 → 设备 中改为阅读器实际所在的端口号。</source>
      <translation>The vendor library cannot open the ID card reader on port number {port} (the vendor library's port numbers: 1001–1016 for USB, 1–16 for serial ports). Check the USB cable, or set the reader's actual port number under Admin → Devices.</translation>
    </message>
    <message>
      <source>县 {county} 的医疗救助政策没有“{category}”这一救助类别。</source>
      <translation>The medical assistance policy of county {county} has no category “{category}”.</translation>
    </message>
    <message>
      <source>参保凭证以下内容暂无数据，将留空：{labels}。请核对同步的参保数据或补录后再打印。</source>
      <translation>No data yet for these lines of the insurance certificate, they will print blank: {labels}. Check the synced insurance data or enter it before printing.</translation>
    </message>
    <message>
      <source>发送时间</source>
      <translation>Sent at</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>受理信息有{count}处需要更正，请先更正“{first}”。</source>
      <translation>{count} intake details need correcting; correct “{first}” first.</translation>
    </message>
    <message>
      <source>另一个程序正在更换数据密钥或修改登录信息，请稍后再试。</source>
      <translation>Another program is rotating the data key or changing sign-in data. Please try again shortly.</translation>
    </message>
    <message>
      <source>只读模式：数据目录当前不可写入。仍可登录、查询办件、打印（证件号码只显示部分；打印记录和操作日志先暂存，恢复可写后自动补记）；不能新受理、批量导入，也不能办理、修改办件。</source>
      <translation>Read-only mode: the data directory cannot be written to now. You can still sign in, search cases and print (ID numbers shown in part only; print records and the audit log are held and recorded once the directory is writable again); no new intake or batch import, and no case can be processed or changed.</translation>
    </message>
    <message>
      <source>台账一次最多统计{days}天，请缩短日期范围。</source>
      <translation>A ledger covers at most {days} days; choose a shorter range.</translation>
    </message>
    <message>
      <source>合规医疗费用不能大于医疗总费用。</source>
      <translation>Eligible medical costs cannot exceed the total medical costs.</translation>
    </message>
    <message>
      <source>同步(&amp;S)</source>
      <translation>&amp;Sync</translation>
    </message>
    <message>
      <source>同步中</source>
      <translation>Syncing</translation>
    </message>
    <message>
      <source>同步中心</source>
      <translation>Sync centre</translation>
    </message>
    <message>
      <source>同步中心(&amp;Y)</source>
      <translation>Sync centre (&amp;Y)</translation>
    </message>
    <message>
      <source>同步包不完整（可能拷贝未完成或U盘被提前拔出），已拒绝导入，请重新导出。</source>
      <translation>The sync bundle is incomplete (the copy may not have finished, or the USB stick was pulled out too early); import refused, export it again.</translation>
    </message>
    <message>
      <source>同步包不是发给本机的，无法解密，已拒绝导入。</source>
      <translation>The sync bundle is not addressed to this PC and cannot be decrypted; import refused.</translation>
    </message>
    <message>
      <source>同步包已损坏，内容无法识别，已拒绝导入，请重新导出。</source>
      <translation>The sync bundle is damaged and cannot be read; import refused, export it again.</translation>
    </message>
    <message>
      <source>同步包格式版本 {version} 不受本程序支持，请升级后再导入。</source>
      <translation>Sync bundle format version {version} is not supported by this program; upgrade it, then import.</translation>
    </message>
    <message>
      <source>同步包的签名密钥与中心端登记的服务点 {station} 的密钥不一致，已拒绝导入。如服务点重装过，请重新登记并由中心端审核。</source>
      <translation>The sync bundle's signing key differs from the key registered for service point {station}; import refused. If the service point was reinstalled, register it again and have the central platform approve it.</translation>
    </message>
    <message>
      <source>同步包签名校验不通过（文件被改动过或已损坏），已拒绝导入，请重新导出。</source>
      <translation>The sync bundle's signature does not verify (the file was changed or is damaged); import refused, export it again.</translation>
    </message>
    <message>
      <source>同步完成：上传 {cases} 件，接收 {accepted}，退回 {rejected}（{at}）</source>
      <translation>Sync done: {cases} cases uploaded, {accepted} received, {rejected} returned ({at})</translation>
    </message>
    <message>
      <source>同步对账单 {batch_id}</source>
      <translation>Sync reconciliation list {batch_id}</translation>
    </message>
    <message>
      <source>同步对账单需要 --rows 指定的行数据（JSON 数组）。</source>
      <translation>The sync reconciliation list needs row data given with --rows (a JSON array).</translation>
    </message>
    <message>
      <source>同步已取消，未传完的数据下次继续（{at}）</source>
      <translation>Sync cancelled; what was not sent continues next time ({at})</translation>
    </message>
    <message>
      <source>同步已暂停</source>
      <translation>Sync paused</translation>
    </message>
    <message>
      <source>同步批次</source>
      <translation>Sync batches</translation>
    </message>
    <message>
      <source>同步未完成：{error}（{at}）</source>
      <translation>Sync not finished: {error} ({at})</translation>
    </message>
    <message>
      <source>同步状态</source>
      <translation>Sync state</translation>
    </message>
    <message>
      <source>含有无法识别的控制字符，请重新输入该单元格。</source>
      <translation>Contains unrecognised control characters; please retype this cell.</translation>
    </message>
    <message>
      <source>回执包不是本服务点信任的中心端签发的（公钥指纹 {fingerprint}），已拒绝导入。</source>
      <translation>This receipt bundle was not issued by the central platform this service point trusts (key fingerprint {fingerprint}); import refused.</translation>
    </message>
    <message>
      <source>回执打印方式为 ESC/POS 直连，但没有设置打印机端口（receipt_printer_port）。</source>
      <translation>Receipts are set to print as raw ESC/POS, but no printer port is set (receipt_printer_port).</translation>
    </message>
    <message>
      <source>回执打印机端口（{port}）正被其他程序占用。请关闭占用它的程序后再试。</source>
      <translation>The receipt printer port ({port}) is in use by another program. Close it and try again.</translation>
    </message>
    <message>
      <source>回执打印机（{port}）处于离线状态（缺纸或开盖）。请装好纸卷、合上盖子后再试。</source>
      <translation>The receipt printer ({port}) is offline (out of paper or cover open). Load the roll, close the cover and try again.</translation>
    </message>
    <message>
      <source>回执打印机（{port}）没有应答。请检查打印机电源、纸卷和连线，以及波特率设置。</source>
      <translation>The receipt printer ({port}) does not answer. Check its power, paper roll, cable and baud rate.</translation>
    </message>
    <message>
      <source>图像尺寸过大（{width}×{height}，约 {megapixels} 百万像素，上限 {limit} 百万像素），已拒绝处理。请缩小后再试。</source>
      <translation>The image is too large ({width}×{height}, about {megapixels} megapixels; the limit is {limit} megapixels) and was not processed. Make it smaller and try again.</translation>
    </message>
    <message>
      <source>在 {seconds} 秒内未识别到二维码，请将手机屏幕对准摄像头后重试。</source>
      <translation>No QR code recognised within {seconds} seconds; hold the phone screen up to the camera and try again.</translation>
    </message>
    <message>
      <source>备份文件含有不属于备份格式的条目（{entry}），已拒绝，未恢复任何内容。</source>
      <translation>The backup file holds an entry that is not part of the backup format ({entry}): refused, nothing was restored.</translation>
    </message>
    <message>
      <source>备份文件已损坏（{entry} 校验不通过），不能用于恢复。</source>
      <translation>The backup file is damaged ({entry} fails its check) and cannot be used for a restore.</translation>
    </message>
    <message>
      <source>外国人永久居留身份证号码中的受理地代码（{value}）不是有效的省级行政区划代码。</source>
      <translation>The issuing-office code ({value}) in the foreign permanent resident ID number is not a valid province code.</translation>
    </message>
    <message>
      <source>外国人永久居留身份证号码应为{expected}位，当前为{length}位。</source>
      <translation>A foreign permanent resident ID number has {expected} characters; this one has {length}.</translation>
    </message>
    <message>
      <source>外国人永久居留身份证号码校验位不正确，请核对后重新输入。</source>
      <translation>The check digit of the foreign permanent resident ID number is wrong; check it and enter it again.</translation>
    </message>
    <message>
      <source>外国人永久居留身份证号码（2017版）应为3位字母（国籍代码）加12位数字。</source>
      <translation>A foreign permanent resident ID number (2017 edition) is 3 letters (the nationality code) followed by 12 digits.</translation>
    </message>
    <message>
      <source>外国人永久居留身份证号码（2023版）应以9开头，前17位为数字，最后一位为数字或X。</source>
      <translation>A foreign permanent resident ID number (2023 edition) starts with 9; the first 17 characters are digits and the last is a digit or X.</translation>
    </message>
    <message>
      <source>失败（{error}）</source>
      <translation>failed ({error})</translation>
    </message>
    <message>
      <source>姓名与本服务点已登记的该公民身份号码人员（{known}）不一致，请核对。</source>
      <translation>The name differs from the person registered at this service point with this citizen ID number ({known}); please check.</translation>
    </message>
    <message>
      <source>姓名中有读卡器无法显示的字（□），请对照证件在姓名栏手工输入该字（用输入法），再确认身份。</source>
      <translation>The name holds a character the card reader cannot show (□). Type that character in the name field from the card (with the input method), then confirm the identity.</translation>
    </message>
    <message>
      <source>姓名中有读卡器无法显示的生僻字（显示为□），请对照证件手工输入完整姓名。</source>
      <translation>The name has a rare character the reader cannot deliver (shown as □): type the full name from the card.</translation>
    </message>
    <message>
      <source>姓名或名称中含有不可见的控制字符（{codepoint}），请删除后重新输入。</source>
      <translation>The name contains an invisible control character ({codepoint}). Remove it and enter the name again.</translation>
    </message>
    <message>
      <source>姓名或名称中的字符 {codepoint} 本系统的字库无法显示和打印（会印成空白方框），不能录入。请核对是否输入有误；确为生僻字的，请联系管理员更新字库后再办理。</source>
      <translation>The character {codepoint} in the name cannot be shown or printed with this system's fonts (it would print as an empty box), so it cannot be entered. Check that it was typed correctly; if it really is a rare character, ask the administrator to update the fonts first.</translation>
    </message>
    <message>
      <source>字段有误：{what}</source>
      <translation>Wrong field: {what}</translation>
    </message>
    <message>
      <source>字段格式应为 KEY=VALUE：{value}</source>
      <translation>A field must be given as KEY=VALUE: {value}</translation>
    </message>
    <message>
      <source>完成</source>
      <translation>Done</translation>
    </message>
    <message>
      <source>审核不通过需要填写原因。</source>
      <translation>Rejecting in review needs a reason.</translation>
    </message>
    <message>
      <source>审核结果应为 approve、reject、pay 或 complete 之一。</source>
      <translation>The review result must be one of approve, reject, pay or complete.</translation>
    </message>
    <message>
      <source>容缺材料尚未补齐。</source>
      <translation>The owed materials have not all been supplied yet.</translation>
    </message>
    <message>
      <source>密码至少需要{minimum}位。</source>
      <translation>A password needs at least {minimum} characters.</translation>
    </message>
    <message>
      <source>密码输入已取消或超时。</source>
      <translation>PIN entry was cancelled or timed out.</translation>
    </message>
    <message>
      <source>密码错误，还可尝试 {tries} 次。</source>
      <translation>Wrong PIN; {tries} tries left.</translation>
    </message>
    <message>
      <source>密钥文件 keyring.json 已损坏或与数据库不匹配，请从备份恢复，或联系县医保经办机构。</source>
      <translation>The key file keyring.json is damaged or does not match the database; restore it from a backup or contact the county medical insurance office.</translation>
    </message>
    <message>
      <source>密钥文件 {file} 不是有效的 Ed25519 密钥。</source>
      <translation>Key file {file} is not a valid Ed25519 key.</translation>
    </message>
    <message>
      <source>对账行数据无法读取：{path}</source>
      <translation>Cannot read the reconciliation rows: {path}</translation>
    </message>
    <message>
      <source>导入中心端回执包…</source>
      <translation>Import the return bundle…</translation>
    </message>
    <message>
      <source>导出同步包到U盘…</source>
      <translation>Export the sync bundle to USB…</translation>
    </message>
    <message>
      <source>尚未同步过。</source>
      <translation>Never synced yet.</translation>
    </message>
    <message>
      <source>尚未导入中心端公钥：请向中心端索取公钥文件（U盘拷来），在同步中心点“导出同步包”时选择该文件。</source>
      <translation>The central platform's public key is not installed yet: get the key file from the centre on a USB stick and choose it when you export the sync bundle in the sync centre.</translation>
    </message>
    <message>
      <source>尚未设置中心端地址：请联系系统管理员登记本服务点；没有网络时可在同步中心用U盘同步。</source>
      <translation>No central platform address is set: ask the administrator to register this station; without a network, sync by USB stick in the sync centre.</translation>
    </message>
    <message>
      <source>尚未设置身份证阅读器。请在 管理 → 设备 中选择端口或厂商读卡库。</source>
      <translation>No ID card reader is set up. Choose its port or vendor library in Admin → Devices.</translation>
    </message>
    <message>
      <source>尚未选择摄像头，请在“设置”中选择柜台摄像头。</source>
      <translation>No camera chosen yet; choose the counter camera in Settings.</translation>
    </message>
    <message>
      <source>屏幕由 {login} 锁定，只能由本人或管理员解锁。</source>
      <translation>The screen was locked by {login}; only they or an administrator can unlock it.</translation>
    </message>
    <message>
      <source>已中止</source>
      <translation>stopped</translation>
    </message>
    <message>
      <source>已发送待确认</source>
      <translation>Sent, unconfirmed</translation>
    </message>
    <message>
      <source>已向 {printer} 发送测试页，请查看是否打印出来。</source>
      <translation>A test page was sent to {printer}; check that it printed.</translation>
    </message>
    <message>
      <source>已在回执打印机（{port}）打印测试条，打印机应答正常。</source>
      <translation>A test slip was printed on the receipt printer ({port}); the printer answers.</translation>
    </message>
    <message>
      <source>已复查本机损坏的材料文件：{media_requeued} 个已恢复（随引用它的办件上传），{media_still_corrupt} 个仍损坏；{unanswered} 件待确认的办件本次重新发送。被中心端退回的 {rejected_final} 件已重新打开为草稿，须由受理员补正后再次受理。</source>
      <translation>Damaged material files on this PC rechecked: {media_requeued} recovered (uploaded with the cases that use them), {media_still_corrupt} still damaged; {unanswered} unconfirmed cases are sent again. The {rejected_final} cases returned by the central platform were reopened as drafts and must be corrected and accepted again by an intake clerk.</translation>
    </message>
    <message>
      <source>已导入回执包：中心端接收 {accepted} 件，退回 {rejected} 件；审核结果 {results} 条，花名册 {roster} 条，节假日 {holidays} 条。</source>
      <translation>Return bundle imported: the centre accepted {accepted} cases and returned {rejected}; {results} decisions, {roster} roster entries, {holidays} holidays.</translation>
    </message>
    <message>
      <source>已导出同步包 {file}：办件 {cases} 件，材料 {media} 个。请安全弹出U盘后送到中心端导入。</source>
      <translation>Sync bundle {file} exported: {cases} cases, {media} material files. Eject the USB stick safely and take it to the centre.</translation>
    </message>
    <message>
      <source>已建立 {saved} 件办件（共 {total} 件）后停止：{cause}。这 {saved} 件已保存，没有丢失；问题解决后再次导入同一文件，已建立的行会跳过，只建立其余 {remaining} 件。</source>
      <translation>Stopped after opening {saved} of {total} cases: {cause}. These {saved} cases are saved and not lost; once the problem is solved, import the same file again: rows already opened are skipped and only the other {remaining} are opened.</translation>
    </message>
    <message>
      <source>已接收</source>
      <translation>Received</translation>
    </message>
    <message>
      <source>已暂停（点“继续”从中断处接着传）</source>
      <translation>Paused (“Resume” continues where it stopped)</translation>
    </message>
    <message>
      <source>已由后续批次重发</source>
      <translation>Resent in a later batch</translation>
    </message>
    <message>
      <source>已确认</source>
      <translation>Confirmed</translation>
    </message>
    <message>
      <source>已识别为{kind}，本系统暂不支持读取该证件，请对照证件手工录入证件号码和姓名。</source>
      <translation>Recognised as {kind}, which this system cannot read yet. Type the document number and name from the card.</translation>
    </message>
    <message>
      <source>已读取医保电子凭证（{token}），需联网核验；请同时输入公民身份号码和姓名。</source>
      <translation>Medical insurance e-voucher read ({token}); it must be verified online, so also type the citizen ID number and name.</translation>
    </message>
    <message>
      <source>已重新打开为草稿 {case_no}</source>
      <translation>Reopened as draft {case_no}</translation>
    </message>
    <message>
      <source>年份 {year} 不正确。</source>
      <translation>The year {year} is not valid.</translation>
    </message>
    <message>
      <source>当前状态为“{state}”的办件不能执行“{action}”。</source>
      <translation>A case in state “{state}” cannot be given “{action}”.</translation>
    </message>
    <message>
      <source>当前经办人没有“数据同步”权限。同步中心只供同步员和管理员使用。</source>
      <translation>The signed-in clerk lacks the “data sync” permission. The sync centre is only for sync clerks and administrators.</translation>
    </message>
    <message>
      <source>待上传</source>
      <translation>To upload</translation>
    </message>
    <message>
      <source>待上传 {pending} 件　已发送待确认 {sent} 件　已接收 {accepted} 件　被退回 {rejected} 件　待传材料 {media_pending} 个</source>
      <translation>To upload {pending}  Sent, unconfirmed {sent}  Received {accepted}  Returned {rejected}  Files to upload {media_pending}</translation>
    </message>
    <message>
      <source>待确认</source>
      <translation>Unconfirmed</translation>
    </message>
    <message>
      <source>性别与公民身份号码不一致。</source>
      <translation>The gender differs from the citizen ID number.</translation>
    </message>
    <message>
      <source>恢复密钥不正确。</source>
      <translation>Wrong recovery key.</translation>
    </message>
    <message>
      <source>成功</source>
      <translation>succeeded</translation>
    </message>
    <message>
      <source>所输入的密码或恢复密钥打不开这份备份（备份有自己的密钥文件）：请用制作备份时有效的管理员密码，或这份备份对应的恢复密钥。</source>
      <translation>The password or recovery key entered does not open this backup (it carries its own key file): use an administrator's password valid when the backup was made, or this backup's recovery key.</translation>
    </message>
    <message>
      <source>所选文件不是 JPG、PNG 照片或 PDF，无法作为材料页面显示，未保存。请重新拍照或选择扫描件。</source>
      <translation>The chosen file is not a JPG or PNG photo or a PDF and cannot be shown as a page of the material; it was not saved. Take the photo again or choose the scan.</translation>
    </message>
    <message>
      <source>所选文件是空的，未保存。</source>
      <translation>The chosen file is empty; not saved.</translation>
    </message>
    <message>
      <source>手机号码应为11位，以1开头。</source>
      <translation>A mobile number has 11 digits and starts with 1.</translation>
    </message>
    <message>
      <source>打印份数应至少为 1（现为 {copies}）。</source>
      <translation>Copies must be at least 1 (now {copies}).</translation>
    </message>
    <message>
      <source>打印失败：打印机未能开始打印。请检查打印机是否连接、开机、有纸，或在“打印 → 打印机设置”中选择打印机后重试（F12）。</source>
      <translation>Printing failed: the printer could not start. Check that the printer is connected, switched on and has paper, or choose a printer in “Print → Printer settings”, then try again (F12).</translation>
    </message>
    <message>
      <source>打印对账单</source>
      <translation>Print reconciliation list</translation>
    </message>
    <message>
      <source>打印机“{printer}”无法打印测试页。请检查打印机是否开机、有纸、未卡纸。</source>
      <translation>The printer "{printer}" could not print the test page. Check that it is on, has paper and is not jammed.</translation>
    </message>
    <message>
      <source>打印记录只能记在已登录的经办人员 {signed_in} 名下，不能记为 {login}。</source>
      <translation>Prints can only be recorded for the signed-in clerk {signed_in}, not for {login}.</translation>
    </message>
    <message>
      <source>扫到的不是医保电子凭证二维码，请让群众打开“医保电子凭证”页面后再扫。</source>
      <translation>This is not a medical insurance e-voucher QR code; ask the applicant to open the “医保电子凭证” page, then scan again.</translation>
    </message>
    <message>
      <source>批次 {batch_id} 的办件</source>
      <translation>Cases of batch {batch_id}</translation>
    </message>
    <message>
      <source>批次号</source>
      <translation>Batch</translation>
    </message>
    <message>
      <source>批量打印一次最多选择 {days} 天。</source>
      <translation>Batch printing covers at most {days} days at a time.</translation>
    </message>
    <message>
      <source>找不到可嵌入的中文字体，无法生成文书。请重新安装程序，或设置环境变量 {env} 指向 TrueType 中文字体（如 simsun.ttc）。已查找：{tried}</source>
      <translation>No embeddable Chinese font found, so documents cannot be made. Reinstall the program, or set the environment variable {env} to a TrueType Chinese font (such as simsun.ttc). Looked in: {tried}</translation>
    </message>
    <message>
      <source>找不到回执打印机的端口（{port}）。请检查打印机连线和端口设置（Linux 下 USB 打印机一般为 /dev/usb/lp0）。</source>
      <translation>Receipt printer port not found ({port}). Check the cable and the port setting (a USB printer on Linux is usually /dev/usb/lp0).</translation>
    </message>
    <message>
      <source>找不到或无法加载评价器厂商库：{path}</source>
      <translation>Cannot find or load the evaluator vendor library: {path}</translation>
    </message>
    <message>
      <source>找不到打印机“{printer}”。请确认打印机已安装并开机，或重新选择。</source>
      <translation>Printer "{printer}" not found. Check that it is installed and on, or choose another.</translation>
    </message>
    <message>
      <source>找不到文件“{file}”。</source>
      <translation>File “{file}” not found.</translation>
    </message>
    <message>
      <source>找不到文件：{path}</source>
      <translation>File not found: {path}</translation>
    </message>
    <message>
      <source>找不到服务事项目录文件：{path}。</source>
      <translation>Service catalog file not found: {path}.</translation>
    </message>
    <message>
      <source>找不到评价器的串口（{port}）。请检查 USB 连线。办件不受影响。可按 F11 再请评价器评价，或按 F4 请申请人在客户屏上评价。</source>
      <translation>Cannot find the evaluator's serial port ({port}). Please check the USB cable. The case is not affected. Press F11 to ask the evaluator again, or F4 to let the applicant rate on the customer screen.</translation>
    </message>
    <message>
      <source>找不到读卡器“{reader}”。请检查连线，或改选其他读卡器。</source>
      <translation>Card reader “{reader}” not found. Check the cable or choose another reader.</translation>
    </message>
    <message>
      <source>找不到读卡器厂商的读卡库（{path}），请在站点设置中检查路径。</source>
      <translation>The reader vendor's card library ({path}) was not found; check the path in the station settings.</translation>
    </message>
    <message>
      <source>找不到身份证阅读器的串口（{port}）。请检查 USB 连线，或在 管理 → 设备 中重新选择端口。</source>
      <translation>The ID card reader's serial port ({port}) was not found. Check the USB cable or choose the port again in Admin → Devices.</translation>
    </message>
    <message>
      <source>找不到身份证阅读器的厂商读卡库（{path}），请在 管理 → 设备 中检查路径。</source>
      <translation>The ID card reader's vendor library ({path}) was not found: check the path in Admin → Devices.</translation>
    </message>
    <message>
      <source>接收短信的手机号码不正确（应为 11 位手机号）。</source>
      <translation>The mobile number for SMS is not valid (11 digits expected).</translation>
    </message>
    <message>
      <source>摄像头不支持所选分辨率 {wanted}，实际为 {width}×{height}。请改选摄像头支持的分辨率。</source>
      <translation>The camera does not support {wanted}; it gave {width}×{height}. Choose a resolution the camera supports.</translation>
    </message>
    <message>
      <source>摄像头正常：{source}，实际分辨率 {width}×{height}</source>
      <translation>Camera works: {source}, resolution {width}×{height}</translation>
    </message>
    <message>
      <source>摄像头组件不可用（未安装 OpenCV），请联系技术支持。</source>
      <translation>The camera component is not available (OpenCV not installed); contact technical support.</translation>
    </message>
    <message>
      <source>摄像头（{source}）已打开，但取不到画面。请检查镜头盖、USB 连线，或关闭占用摄像头的程序。</source>
      <translation>The camera ({source}) opened but gave no picture. Check the lens cover and the USB cable, or close programs using the camera.</translation>
    </message>
    <message>
      <source>摄像头（编号 {index}）已断开，请检查 USB 连接后重新打开。</source>
      <translation>Camera {index} was disconnected; check the USB connection and open it again.</translation>
    </message>
    <message>
      <source>摄像头（编号 {index}）正被其他程序占用，请关闭视频会议等程序后重试。</source>
      <translation>Camera {index} is in use by another program; close video-call programs and try again.</translation>
    </message>
    <message>
      <source>救助参数表中“{category}”的别名“{alias}”是另一救助类别，类别不能互相替代。</source>
      <translation>In the assistance table, the alias "{alias}" of "{category}" is another category; categories cannot stand in for each other.</translation>
    </message>
    <message>
      <source>救助类别 {category} 的救助比例不能大于 100%。</source>
      <translation>The assistance ratio of category {category} cannot be over 100%.</translation>
    </message>
    <message>
      <source>数据库升级到版本 {revision} 时出错，已自动恢复为升级前的数据库，已保存的办件没有丢失。出错的文件已另存在数据目录的 backups 文件夹中，请联系技术支持。在此之前请继续使用原版本程序。</source>
      <translation>Upgrading the database to revision {revision} failed; the database from before the upgrade was restored automatically and no saved case is lost. The failed file was kept in the backups folder of the data directory; please contact technical support. Until then keep using the previous version of the program.</translation>
    </message>
    <message>
      <source>数据库升级失败，且未能自动恢复。请不要删除或改动数据目录，立即联系技术支持；升级前的备份保存在：{backup}</source>
      <translation>The database upgrade failed and could not be undone automatically. Do not delete or change the data directory; contact technical support at once. The backup from before the upgrade is at: {backup}</translation>
    </message>
    <message>
      <source>数据库已损坏，无法核对登录人员的角色：请用恢复密钥从备份恢复。</source>
      <translation>The database is damaged, so the role of who signs in cannot be checked: restore from the backup with the recovery key.</translation>
    </message>
    <message>
      <source>数据库文件已损坏，无法打开。请勿删除该文件，请联系县医保经办机构用备份恢复。</source>
      <translation>The database file is damaged and cannot be opened. Do not delete it; ask the county medical insurance office to restore it from a backup.</translation>
    </message>
    <message>
      <source>数据库正被其他程序占用</source>
      <translation>the database is in use by another program</translation>
    </message>
    <message>
      <source>数据库正被其他程序占用，请稍后重试。</source>
      <translation>The database is in use by another program; please try again shortly.</translation>
    </message>
    <message>
      <source>数据库由更新版本的医保通办创建（版本 {revision}），请升级本程序后再打开。数据未做任何改动。</source>
      <translation>The database was created by a newer version of Tongban (revision {revision}); upgrade this program before opening it. Nothing was changed.</translation>
    </message>
    <message>
      <source>数据目录中的数据库不是医保通办的数据库，已停止以免损坏数据。</source>
      <translation>The database in the data directory is not a Tongban database; stopped so as not to damage it.</translation>
    </message>
    <message>
      <source>数据目录为只读，且数据库需要升级后才能打开。请把数据目录放到可写的磁盘上再打开。</source>
      <translation>The data directory is read-only and the database needs an upgrade before it can be opened. Put the data directory on a writable disk and open it again.</translation>
    </message>
    <message>
      <source>数据目录为只读，当前只能查看，不能保存。</source>
      <translation>The data directory is read-only: you can view but not save.</translation>
    </message>
    <message>
      <source>数据目录变为只读</source>
      <translation>the data directory became read-only</translation>
    </message>
    <message>
      <source>文件中没有放假日（“休”），不是节假日安排。</source>
      <translation>The file lists no day off (休): it is not a holiday schedule.</translation>
    </message>
    <message>
      <source>文件中没有数据行（列名行下面是空的）。</source>
      <translation>The file has no data rows (nothing under the header row).</translation>
    </message>
    <message>
      <source>文件无法按{kind}格式读取（文件已损坏或不是{kind}文件）。</source>
      <translation>The file cannot be read as {kind} (it is damaged or not a {kind} file).</translation>
    </message>
    <message>
      <source>文件是空的，没有可导入的内容。</source>
      <translation>The file is empty; there is nothing to import.</translation>
    </message>
    <message>
      <source>文件缺少必填列：{columns}。请按模板填写。</source>
      <translation>The file lacks required columns: {columns}. Please fill in the template.</translation>
    </message>
    <message>
      <source>文件超过{limit}行，请分成几个文件导入。</source>
      <translation>The file has more than {limit} rows; split it into several files.</translation>
    </message>
    <message>
      <source>文件超过{mb}MB，请分成几个文件导入。</source>
      <translation>The file is over {mb} MB; split it into several files.</translation>
    </message>
    <message>
      <source>文件超过{mb}MB，请压缩或分页扫描后再上传。</source>
      <translation>The file is over {mb} MB; compress it or scan it page by page, then upload.</translation>
    </message>
    <message>
      <source>无法写入同步包 {path}（{detail}），请检查U盘是否插好、空间是否足够。未送达中心端的办件会在下次同步或导出时重新发送。</source>
      <translation>Cannot write sync bundle {path} ({detail}); check that the USB stick is in and has enough space. Cases not delivered to the central platform are sent again at the next sync or export.</translation>
    </message>
    <message>
      <source>无法写入输出目录：{path}</source>
      <translation>Cannot write to the output directory: {path}</translation>
    </message>
    <message>
      <source>无法识别文件的文字编码：请保存为 UTF-8 或 GBK 编码的 CSV，或 Excel 工作簿（.xlsx）。</source>
      <translation>The file's text encoding is not recognised: save it as a UTF-8 or GBK CSV, or as an Excel workbook (.xlsx).</translation>
    </message>
    <message>
      <source>无法识别的图像文件{path}，请用 JPEG 或 PNG 格式。</source>
      <translation>Unrecognised image file {path}; use JPEG or PNG.</translation>
    </message>
    <message>
      <source>无法读取同步包 {path}（{detail}）。</source>
      <translation>Cannot read sync bundle {path} ({detail}).</translation>
    </message>
    <message>
      <source>无法读取图像或视频文件：{path}</source>
      <translation>Cannot read the image or video file: {path}</translation>
    </message>
    <message>
      <source>无法读取备份文件 {name}：不是医保通办的备份，或文件不完整。</source>
      <translation>Cannot read backup file {name}: it is not a Tongban backup, or it is incomplete.</translation>
    </message>
    <message>
      <source>无法读取节假日安排文件 {file}。</source>
      <translation>Cannot read the holiday schedule file {file}.</translation>
    </message>
    <message>
      <source>无法连接中心端（{detail}），数据已安全保存在本机，网络恢复后将继续同步。</source>
      <translation>Cannot reach the central platform ({detail}); the data is safe on this PC and syncing resumes when the network is back.</translation>
    </message>
    <message>
      <source>无法连接回执打印机（{port}），请检查打印机电源、连线和端口设置。</source>
      <translation>Cannot reach the receipt printer ({port}): check its power, cable and port setting.</translation>
    </message>
    <message>
      <source>日期“{value}”无效，请按 年-月-日 输入，如 2026-11-23。</source>
      <translation>Invalid date “{value}”: type year-month-day, e.g. 2026-11-23.</translation>
    </message>
    <message>
      <source>日期范围有误：结束日期 {last} 早于开始日期 {first}。</source>
      <translation>Wrong date range: the end date {last} is before the start date {first}.</translation>
    </message>
    <message>
      <source>智能卡服务未运行（Windows 的 Smart Card 服务或 Linux 的 pcscd），请启动后重试。</source>
      <translation>The smart card service is not running (Smart Card on Windows, pcscd on Linux); start it and try again.</translation>
    </message>
    <message>
      <source>暂停</source>
      <translation>Pause</translation>
    </message>
    <message>
      <source>更换数据密钥前，请先关闭本机所有正在使用本服务点数据的柜台程序和命令。</source>
      <translation>Before changing the data key, close every counter program and command using this service point's data on this PC.</translation>
    </message>
    <message>
      <source>有 {n} 个材料文件在本机已损坏或缺失，未能导出，请联系管理员检查数据。</source>
      <translation>{n} material files are damaged or missing on this PC and were not exported; ask the administrator to check the data.</translation>
    </message>
    <message>
      <source>有 {n} 批应答不属于本机导出的同步包，已忽略。</source>
      <translation>{n} answers do not belong to bundles exported here and were ignored.</translation>
    </message>
    <message>
      <source>服务点 {station} 尚未通过中心端审核（登记申请已记录）。请核对密钥指纹 {fingerprint} 后运行 tongban hub approve {station}，再重新导入该同步包。</source>
      <translation>Service point {station} has not been approved by the central platform yet (its registration request is recorded). Check key fingerprint {fingerprint}, run tongban hub approve {station}, then import the sync bundle again.</translation>
    </message>
    <message>
      <source>服务点编号应为3位数字（由县医保经办机构分配）。</source>
      <translation>A service point number has 3 digits (assigned by the county medical insurance office).</translation>
    </message>
    <message>
      <source>未找到办件 {case_no}。</source>
      <translation>No case {case_no}.</translation>
    </message>
    <message>
      <source>未找到摄像头（编号 {index}），请检查 USB 连接后重试。</source>
      <translation>Camera {index} not found; check the USB connection and try again.</translation>
    </message>
    <message>
      <source>未找到经办人员 {login}。</source>
      <translation>Clerk {login} not found.</translation>
    </message>
    <message>
      <source>未检测到社保卡读卡器。请检查 USB 连线和读卡器驱动（PC/SC 服务），或选择厂商读卡库。</source>
      <translation>No social security card reader found. Check the USB cable and the reader driver (PC/SC service), or choose a vendor library.</translation>
    </message>
    <message>
      <source>未检测到读卡器。请检查读卡器的 USB 连线，或在设置中选择读卡方式。</source>
      <translation>No card reader found. Check the reader's USB cable, or choose the reading method in Settings.</translation>
    </message>
    <message>
      <source>未设置回执打印机：受理回执用 A4 打印机打印。</source>
      <translation>No receipt printer set: receipts print on the A4 printer.</translation>
    </message>
    <message>
      <source>未读到医保电子凭证内容，请重新扫码。</source>
      <translation>Nothing read from the medical insurance e-voucher; scan again.</translation>
    </message>
    <message>
      <source>本地配置 {file} 引用了目录中不存在的事项 {item_code}。</source>
      <translation>Local configuration {file} refers to item {item_code}, which is not in the catalog.</translation>
    </message>
    <message>
      <source>本地配置文件 {file} 有误：{detail}</source>
      <translation>Local configuration file {file} is wrong: {detail}</translation>
    </message>
    <message>
      <source>本服务点尚未在中心端登记：请联系系统管理员登记；没有网络时可在同步中心用U盘同步。</source>
      <translation>This station is not registered with the central platform: ask the administrator to register it; without a network, sync by USB stick in the sync centre.</translation>
    </message>
    <message>
      <source>本服务点尚未设置密码和数据加密，请联系系统管理员完成加密设置。</source>
      <translation>This station has no passwords and encryption yet; ask the administrator to set them up.</translation>
    </message>
    <message>
      <source>本服务点已提交登记，正在等待中心端审核通过。</source>
      <translation>This service point's registration was sent and awaits approval by the central platform.</translation>
    </message>
    <message>
      <source>本服务点已设置数据加密。</source>
      <translation>This service point's data is already encrypted.</translation>
    </message>
    <message>
      <source>本服务点数据已加密，请先以经办人员身份登录（--login 登录名，--password-stdin 从标准输入读取密码）。</source>
      <translation>This service point's data is encrypted; sign in as a clerk first (--login LOGIN, --password-stdin to read the password from standard input).</translation>
    </message>
    <message>
      <source>本服务点（{level}级）不能受理“{item}”。</source>
      <translation>This service point ({level} level) may not accept “{item}”.</translation>
    </message>
    <message>
      <source>本服务点（{level}级）无权受理“{item}”。</source>
      <translation>This service point ({level} level) may not accept “{item}”.</translation>
    </message>
    <message>
      <source>本服务点（{level}级）无权审核“{item}”，请转报上级。</source>
      <translation>This service point ({level} level) may not review “{item}”; forward it to the higher level.</translation>
    </message>
    <message>
      <source>本机不使用社保卡读卡器。</source>
      <translation>This PC uses no social security card reader.</translation>
    </message>
    <message>
      <source>本机同步密钥无法读取，请联系管理员。</source>
      <translation>This PC's sync key cannot be read; contact the administrator.</translation>
    </message>
    <message>
      <source>本机尚未设置服务点，请联系县级医保经办机构或系统管理员完成安装设置。</source>
      <translation>No service point is set up on this PC; ask the county office or the administrator to complete the set-up.</translation>
    </message>
    <message>
      <source>本机已找不到该办件</source>
      <translation>The case is no longer on this PC</translation>
    </message>
    <message>
      <source>本机已有 {year} 年的节假日安排（{count} 条）且与文件不同；确认替换请加 --replace。</source>
      <translation>This station already holds a different {year} schedule ({count} days); add --replace to replace it.</translation>
    </message>
    <message>
      <source>本机已经初始化过服务点，不能重复初始化。</source>
      <translation>This PC's service point is already set up; it cannot be set up twice.</translation>
    </message>
    <message>
      <source>本机时钟可能被调回：比本站已记录的最晚时间早 {minutes}。请核对电脑日期和时间；在此期间受理的办件，承诺办结日期按已知的最晚日期计算，并在办理过程中注明。</source>
      <translation>This PC's clock may have been set back: it is {minutes} earlier than the latest time recorded at this service point. Check the computer's date and time; cases accepted meanwhile get their promised completion date from the latest known date, noted in their timeline.</translation>
    </message>
    <message>
      <source>本机时钟比中心端快 {minutes}（上次同步时）。请校准电脑时间后再同步一次；在此期间受理的办件，承诺办结日期按中心端时间计算，并在办理过程中注明。</source>
      <translation>This PC's clock is {minutes} ahead of the central platform (at the last sync). Set the computer's time right, then sync once more; cases accepted meanwhile get their promised completion date from the central platform's time, noted in their timeline.</translation>
    </message>
    <message>
      <source>本机时钟比中心端慢 {minutes}（上次同步时）。请校准电脑时间后再同步一次；在此期间受理的办件，承诺办结日期按中心端时间计算，并在办理过程中注明。</source>
      <translation>This PC's clock is {minutes} behind the central platform (at the last sync). Set the computer's time right, then sync once more; cases accepted meanwhile get their promised completion date from the central platform's time, noted in their timeline.</translation>
    </message>
    <message>
      <source>本机时间与中心端相差过大，且自动校正失败，请检查系统时间。</source>
      <translation>This PC's clock differs too much from the central platform's and could not be corrected automatically; check the system time.</translation>
    </message>
    <message>
      <source>本机未配置可信的目录发布方公钥，无法校验目录包。</source>
      <translation>No trusted catalog publisher key is configured on this PC, so catalog packages cannot be checked.</translation>
    </message>
    <message>
      <source>本机没有版本为 {version} 的服务事项目录，请先导入该版本的目录包。</source>
      <translation>This PC has no service catalog version {version}; import that version's catalog package first.</translation>
    </message>
    <message>
      <source>本机没有默认打印机。请安装打印机，或在 管理 → 设备 中选择一台。</source>
      <translation>This PC has no default printer. Install one, or choose one in Admin → Devices.</translation>
    </message>
    <message>
      <source>材料已齐全，无需退回补正。</source>
      <translation>All materials are present; there is nothing to return for correction.</translation>
    </message>
    <message>
      <source>材料文件 {sha256} 内容已损坏。</source>
      <translation>The content of material file {sha256} is damaged.</translation>
    </message>
    <message>
      <source>材料文件保存失败（{reason}），已保存的数据没有丢失。</source>
      <translation>The material file could not be saved ({reason}); data saved before is not lost.</translation>
    </message>
    <message>
      <source>材料文件已加密，请先登录。</source>
      <translation>Material files are encrypted; sign in first.</translation>
    </message>
    <message>
      <source>材料文件未收到：{what}</source>
      <translation>Material file not received: {what}</translation>
    </message>
    <message>
      <source>校准数值应为四个毫米数，用逗号分开：标记1左,标记1上,标记2左,标记2上（现为 {values}）。</source>
      <translation>Calibration takes four millimetre values separated by commas: mark 1 left, mark 1 top, mark 2 left, mark 2 top (got {values}).</translation>
    </message>
    <message>
      <source>模板只能保存为 .xlsx 或 .csv 文件。</source>
      <translation>The template can only be saved as an .xlsx or .csv file.</translation>
    </message>
    <message>
      <source>正在取消…</source>
      <translation>Cancelling…</translation>
    </message>
    <message>
      <source>正在同步…</source>
      <translation>Syncing…</translation>
    </message>
    <message>
      <source>正在同步，请等本次同步结束后再操作。</source>
      <translation>A sync is running; wait until it has finished.</translation>
    </message>
    <message>
      <source>正在导入回执包……</source>
      <translation>Importing the return bundle…</translation>
    </message>
    <message>
      <source>正在导出同步包，请不要拔出U盘……</source>
      <translation>Exporting the sync bundle; do not remove the USB stick…</translation>
    </message>
    <message>
      <source>正在暂停…</source>
      <translation>Pausing…</translation>
    </message>
    <message>
      <source>没有县级行政区划代码 {county} 的医疗救助政策参数文件。</source>
      <translation>No medical assistance policy file for county region code {county}.</translation>
    </message>
    <message>
      <source>没有可用的打印机，请在“打印 → 打印机设置”中指定 A4 打印机和回执打印机。</source>
      <translation>No printer is available: set the A4 printer and the receipt printer in “Print → Printer settings”.</translation>
    </message>
    <message>
      <source>没有可输入密码的终端：请用 --password-stdin 从标准输入提供管理员密码。服务点不会在没有密码的情况下以明文建立。</source>
      <translation>No terminal to type a password: give the administrator password on standard input with --password-stdin. A service point is never set up unencrypted without a password.</translation>
    </message>
    <message>
      <source>没有名为 {name} 的设备。可用：{names}</source>
      <translation>No device named {name}. Available: {names}</translation>
    </message>
    <message>
      <source>没有找到列名行：第一个工作表的前10行中应有模板的列名（必填列：{columns}）。请先下载模板。</source>
      <translation>No header row found: the template's column names must be within the first 10 rows of the first sheet (required columns: {columns}). Download the template first.</translation>
    </message>
    <message>
      <source>没有找到证件的轮廓。请把证件平放在深色垫板中间，四边都在画面内，再拍一次。</source>
      <translation>No card outline was found. Lay the card flat in the middle of the dark mat with all four edges in view and capture again.</translation>
    </message>
    <message>
      <source>没有权限打开回执打印机端口（{port}）。统信UOS/麒麟 下请把操作员账户加入 lp（USB 打印机）或 dialout（串口）组后重新登录，见 docs/devices.md。</source>
      <translation>No permission to open the receipt printer port ({port}). On UOS/Kylin add the clerk account to the lp (USB printer) or dialout (serial) group and log in again; see docs/devices.md.</translation>
    </message>
    <message>
      <source>没有登录名为 {login} 的经办人员。</source>
      <translation>No clerk with login {login}.</translation>
    </message>
    <message>
      <source>没有这个同步批次，请刷新后重新选择。</source>
      <translation>No such sync batch; refresh and choose again.</translation>
    </message>
    <message>
      <source>没有这种文书：{kind}（tongban print --list 列出全部种类）。</source>
      <translation>No such document: {kind} (tongban print --list lists them all).</translation>
    </message>
    <message>
      <source>测试条已写入 {port}，请查看是否打印出来。</source>
      <translation>The test slip was written to {port}; check that it printed.</translation>
    </message>
    <message>
      <source>测试页已保存为 {path}。</source>
      <translation>Test page saved as {path}.</translation>
    </message>
    <message>
      <source>消息模板仍有未填写的占位符：{template}</source>
      <translation>The message template still has unfilled placeholders: {template}</translation>
    </message>
    <message>
      <source>消息模板缺少需要填写的内容：{value}。</source>
      <translation>The message template is missing a value to fill in: {value}.</translation>
    </message>
    <message>
      <source>照片不可用（未配置经授权的照片解码库），请核对证件原件上的照片。</source>
      <translation>Photo not available (no licensed photo decoder configured): compare with the photo on the card.</translation>
    </message>
    <message>
      <source>照片为空，请重新拍摄。</source>
      <translation>The photo is empty; take it again.</translation>
    </message>
    <message>
      <source>照片压缩失败，请重新拍摄。</source>
      <translation>The photo could not be compressed; take it again.</translation>
    </message>
    <message>
      <source>照片解码失败，照片不可用，请核对证件原件上的照片。</source>
      <translation>The photo could not be decoded: compare with the photo on the card.</translation>
    </message>
    <message>
      <source>版本</source>
      <translation>Revision</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>State</translation>
    </message>
    <message>
      <source>申请人在 {seconds} 秒内未按评价键。办件不受影响。可按 F11 再请评价器评价，或按 F4 请申请人在客户屏上评价。</source>
      <translation>The applicant pressed no rating key within {seconds} seconds. The case is not affected. Press F11 to ask the evaluator again, or F4 to let the applicant rate on the customer screen.</translation>
    </message>
    <message>
      <source>登录名“{login}”已被使用。</source>
      <translation>The login “{login}” is already in use.</translation>
    </message>
    <message>
      <source>登录名只能使用英文字母、数字、下划线和点，最多32位。</source>
      <translation>A login may only use letters, digits, underscores and dots, at most 32.</translation>
    </message>
    <message>
      <source>登录名或密码不正确。</source>
      <translation>Wrong login or password.</translation>
    </message>
    <message>
      <source>目录 {version} 中没有编码为 {item_code} 的服务事项。</source>
      <translation>Catalog {version} has no service item with code {item_code}.</translation>
    </message>
    <message>
      <source>目录中没有规则配置“{profile}”（可选：national 全国、guizhou 贵州、qiannan 黔南州、duyun 都匀、pingdingshan 平顶山）。</source>
      <translation>The catalog has no rule profile "{profile}" (choices: national, guizhou, qiannan, duyun, pingdingshan).</translation>
    </message>
    <message>
      <source>目录包 {file} 已损坏或不是目录包。</source>
      <translation>Catalog package {file} is damaged or not a catalog package.</translation>
    </message>
    <message>
      <source>目录包 {file} 没有签名，已拒绝导入。</source>
      <translation>Catalog package {file} is not signed; import refused.</translation>
    </message>
    <message>
      <source>目录包 {file} 签名无效（可能被篡改或非可信发布方），已拒绝导入。</source>
      <translation>Catalog package {file} has an invalid signature (possibly tampered with or not from a trusted publisher); import refused.</translation>
    </message>
    <message>
      <source>目录包 {file} 超过 {mb} MB（解压后），不是正常的目录包，已拒绝导入。</source>
      <translation>The catalog package {file} inflates to more than {mb} MB; it is not a normal catalog package and was refused.</translation>
    </message>
    <message>
      <source>目录包版本 {version} 不高于本机当前版本 {current}，已拒绝导入。</source>
      <translation>Catalog package version {version} is not newer than this PC's version {current}; import refused.</translation>
    </message>
    <message>
      <source>目录文件无法读取：{origin}（{detail}）。</source>
      <translation>Cannot read the catalog file: {origin} ({detail}).</translation>
    </message>
    <message>
      <source>目录文件格式不受支持（{origin}，格式 {format}）。</source>
      <translation>Unsupported catalog file format ({origin}, format {format}).</translation>
    </message>
    <message>
      <source>目录校验未通过，共 {count} 处错误；第一处：{first}</source>
      <translation>The catalog failed validation with {count} errors; the first: {first}</translation>
    </message>
    <message>
      <source>目录版本号“{version}”格式不正确（应为 年.月.序号）。</source>
      <translation>Malformed catalog version “{version}” (it should be year.month.serial).</translation>
    </message>
    <message>
      <source>短信网关配置不正确：{spec}（应为可导入的 模块:工厂函数，返回带 send 方法的网关）。</source>
      <translation>The SMS gateway setting is wrong: {spec} (it should be an importable module:factory returning a gateway with a send method).</translation>
    </message>
    <message>
      <source>确认时间</source>
      <translation>Confirmed at</translation>
    </message>
    <message>
      <source>磁盘剩余空间不足</source>
      <translation>too little free disk space</translation>
    </message>
    <message>
      <source>磁盘剩余空间不足（仅剩 {free_mb} MB），本次内容未保存，已保存的数据没有丢失。请清理磁盘后重试。</source>
      <translation>Not enough free disk space (only {free_mb} MB left): this was not saved; data saved before is not lost. Free some disk space and try again.</translation>
    </message>
    <message>
      <source>磁盘剩余空间仅 {free_mb} MB，请尽快清理磁盘或更换备份U盘。</source>
      <translation>Only {free_mb} MB of disk space left; free some space soon or change the backup USB stick.</translation>
    </message>
    <message>
      <source>磁盘剩余空间仅 {free_mb} MB，请尽快清理磁盘（低于 {floor_mb} MB 时将暂停新受理）。</source>
      <translation>Only {free_mb} MB of disk space left; free some space soon (new intake pauses below {floor_mb} MB).</translation>
    </message>
    <message>
      <source>磁盘空间已满</source>
      <translation>the disk is full</translation>
    </message>
    <message>
      <source>磁盘空间已满（仅剩 {free_mb} MB）：为保护已保存的数据，已暂停新受理和办理。仍可查询办件、打印。请清理磁盘，空间恢复后自动解除。</source>
      <translation>The disk is full (only {free_mb} MB left): new intake and processing are paused to protect the saved data. You can still search cases and print. Free some disk space; the pause lifts by itself once there is room again.</translation>
    </message>
    <message>
      <source>磁盘空间已满，本次操作未保存，已保存的数据没有丢失。请清理磁盘后重试。</source>
      <translation>The disk is full: this operation was not saved; data saved before is not lost. Free some disk space and try again.</translation>
    </message>
    <message>
      <source>社保卡密码已锁定，请持卡到社保经办机构解锁。</source>
      <translation>The social security card's PIN is locked; the holder must have it unlocked at a social security office.</translation>
    </message>
    <message>
      <source>社保卡已过有效期（{expiry}），请提醒参保人到发卡机构换卡。</source>
      <translation>The social security card expired ({expiry}); remind the holder to renew it at the issuing office.</translation>
    </message>
    <message>
      <source>社保卡读卡器正常：{readers}</source>
      <translation>Social security card reader works: {readers}</translation>
    </message>
    <message>
      <source>空闲</source>
      <translation>Idle</translation>
    </message>
    <message>
      <source>立即同步</source>
      <translation>Sync now</translation>
    </message>
    <message>
      <source>立即同步(&amp;N)</source>
      <translation>Sync &amp;now</translation>
    </message>
    <message>
      <source>第 {line} 行格式不正确：应为“日期,休”或“日期,班”（如 2027-02-14,班）。</source>
      <translation>Line {line} is not 'date,休' or 'date,班' (e.g. 2027-02-14,班).</translation>
    </message>
    <message>
      <source>第 {line} 行的日期 {day} 不在 {year} 年内。</source>
      <translation>Line {line}: {day} is not in {year}.</translation>
    </message>
    <message>
      <source>第 {line} 行的日期 {day} 与第 {first} 行矛盾（同一天既休又班）。</source>
      <translation>Line {line}: {day} contradicts line {first} (both off and working).</translation>
    </message>
    <message>
      <source>第 {line} 行的日期 {day} 与第 {first} 行重复。</source>
      <translation>Line {line}: {day} repeats line {first}.</translation>
    </message>
    <message>
      <source>第 {line} 行的日期不正确（应为 YYYY-MM-DD）。</source>
      <translation>Line {line}: the date is not valid (YYYY-MM-DD expected).</translation>
    </message>
    <message>
      <source>第 {line} 行：{day} 是工作日，调休上班日只能是周六或周日。</source>
      <translation>Line {line}: {day} is a weekday; a make-up working day must be a Saturday or Sunday.</translation>
    </message>
    <message>
      <source>经办人员 {login} 已停用，不能登录。</source>
      <translation>Clerk {login} is disabled and cannot sign in.</translation>
    </message>
    <message>
      <source>结束日期（{end}）早于开始日期（{start}），请重新选择。</source>
      <translation>The end date ({end}) is before the start date ({start}); choose again.</translation>
    </message>
    <message>
      <source>统一社会信用代码不正确，请核对后重新输入。</source>
      <translation>The unified social credit code is not valid; please check and type it again.</translation>
    </message>
    <message>
      <source>统一社会信用代码应为18位，当前为{length}位。</source>
      <translation>A unified social credit code has 18 characters; this one has {length}.</translation>
    </message>
    <message>
      <source>继续</source>
      <translation>Resume</translation>
    </message>
    <message>
      <source>联系电话不正确：请输入11位手机号码或带区号的固定电话（如0854-8222222）。</source>
      <translation>Invalid phone number: type an 11-digit mobile number or a landline with area code (e.g. 0854-8222222).</translation>
    </message>
    <message>
      <source>节假日安排文件不是 UTF-8 编码的文本。</source>
      <translation>The holiday schedule file is not UTF-8 text.</translation>
    </message>
    <message>
      <source>节假日安排文件超过 {kb} KB，不是正常的安排文件。</source>
      <translation>The holiday schedule file is larger than {kb} KB: not a schedule file.</translation>
    </message>
    <message>
      <source>虚拟身份证阅读器（演示用，数据为虚构）应答正常。</source>
      <translation>The virtual ID card reader (demo, fictitious data) answers.</translation>
    </message>
    <message>
      <source>行政区划代码{value}不存在。</source>
      <translation>Region code {value} does not exist.</translation>
    </message>
    <message>
      <source>行政区划代码应为6位（县）、9位（乡镇）或12位（村）数字。</source>
      <translation>A region code has 6 (county), 9 (township) or 12 (village) digits.</translation>
    </message>
    <message>
      <source>行政区划代码表无法使用（只读到{rows}行，缺少省级代码），未导入。</source>
      <translation>The division code table cannot be used (only {rows} rows, provinces missing); not imported.</translation>
    </message>
    <message>
      <source>被退回</source>
      <translation>Returned</translation>
    </message>
    <message>
      <source>被退回的办件已重新打开为草稿，请补正后再次同步：{cases}。</source>
      <translation>Returned cases were reopened as drafts; correct them and sync again: {cases}.</translation>
    </message>
    <message>
      <source>证件号码中的出生日期与证件上的出生日期不一致，请核对证件。</source>
      <translation>The birth date in the document number differs from the birth date on the card. Check the card.</translation>
    </message>
    <message>
      <source>证件号码中的出生日期（{value}）不是有效日期。</source>
      <translation>The birth date in the document number ({value}) is not a valid date.</translation>
    </message>
    <message>
      <source>证件号码校验未通过，请核对证件原件。</source>
      <translation>The ID number fails its check: look at the original card.</translation>
    </message>
    <message>
      <source>证件已过有效期（{expiry}），请按规定请申请人出示有效证件。</source>
      <translation>The card expired ({expiry}): ask the applicant for a valid document.</translation>
    </message>
    <message>
      <source>证件数据格式异常，无法识别。请重新读卡，或手工录入。</source>
      <translation>The card data is malformed: read again or type the data.</translation>
    </message>
    <message>
      <source>证件类型为“{id_type}”：批量导入仅支持居民身份证、港澳台居民居住证和外国人永久居留证，其他证件请到柜台逐件受理。</source>
      <translation>ID type “{id_type}”: batch import supports only resident ID cards, residence permits for Hong Kong, Macao and Taiwan residents and foreign permanent resident ID cards; take other documents at the counter one by one.</translation>
    </message>
    <message>
      <source>证件类型为外国人永久居留证，但这不是外国人永久居留身份证号码（2017版为3位字母加12位数字，2023版为以9开头的18位）。</source>
      <translation>The ID type is foreign permanent resident ID card, but this is not such a number (2017 edition: 3 letters and 12 digits; 2023 edition: 18 characters starting with 9).</translation>
    </message>
    <message>
      <source>证件类型为港澳台居民居住证，但号码前6位（{value}）不是810000（香港）、820000（澳门）或830000（台湾）。</source>
      <translation>The ID type is residence permit for Hong Kong, Macao and Taiwan residents, but the first 6 digits ({value}) are not 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan).</translation>
    </message>
    <message>
      <source>证件认证未通过（状态 {sw}）。证件可能损坏或非有效证件，请查验证件原件。</source>
      <translation>Card authentication failed (status {sw}). The card may be damaged or not valid: check the original.</translation>
    </message>
    <message>
      <source>评价器厂商库 {path} 中没有函数 {function}。请核对 evaluator_function 设置。</source>
      <translation>The evaluator vendor library {path} has no function {function}. Please check the evaluator_function setting.</translation>
    </message>
    <message>
      <source>评价器厂商库返回了错误代码 {result}。办件不受影响。可按 F11 再请评价器评价，或按 F4 请申请人在客户屏上评价。</source>
      <translation>The evaluator vendor library returned error code {result}. The case is not affected. Press F11 to ask the evaluator again, or F4 to let the applicant rate on the customer screen.</translation>
    </message>
    <message>
      <source>评价器报告故障（{detail}）。办件不受影响。可按 F11 再请评价器评价，或按 F4 请申请人在客户屏上评价。</source>
      <translation>The evaluator reported a fault ({detail}). The case is not affected. Press F11 to ask the evaluator again, or F4 to let the applicant rate on the customer screen.</translation>
    </message>
    <message>
      <source>评价器未设置完整（串口或厂商库、函数名）。请在 管理 → 设备 中设置，或改用客户屏评价。</source>
      <translation>The evaluator is not fully set up (serial port, or vendor library and function name). Set it up under Admin → Devices, or use the customer screen for ratings.</translation>
    </message>
    <message>
      <source>评价器正常：{where}</source>
      <translation>The evaluator answers: {where}</translation>
    </message>
    <message>
      <source>评价器没有应答（{port}）。请确认已通电、端口和波特率正确。办件不受影响。可按 F11 再请评价器评价，或按 F4 请申请人在客户屏上评价。</source>
      <translation>The evaluator does not answer ({port}). Check that it is powered and the port and baud rate are right. The case is not affected. Press F11 to ask the evaluator again, or F4 to let the applicant rate on the customer screen.</translation>
    </message>
    <message>
      <source>评价器的串口（{port}）被其他程序占用或无权限打开。办件不受影响。可按 F11 再请评价器评价，或按 F4 请申请人在客户屏上评价。</source>
      <translation>The evaluator's serial port ({port}) is in use by another program or may not be opened. The case is not affected. Press F11 to ask the evaluator again, or F4 to let the applicant rate on the customer screen.</translation>
    </message>
    <message>
      <source>评价器返回了无法识别的数据。请确认所选串口连接的是评价器。办件不受影响。可按 F11 再请评价器评价，或按 F4 请申请人在客户屏上评价。</source>
      <translation>The evaluator sent data that cannot be understood. Check that the chosen port is the evaluator's. The case is not affected. Press F11 to ask the evaluator again, or F4 to let the applicant rate on the customer screen.</translation>
    </message>
    <message>
      <source>评价器（{port}）连接中断，可能被拔出。办件不受影响。可按 F11 再请评价器评价，或按 F4 请申请人在客户屏上评价。</source>
      <translation>The connection to the evaluator ({port}) was lost; it may have been unplugged. The case is not affected. Press F11 to ask the evaluator again, or F4 to let the applicant rate on the customer screen.</translation>
    </message>
    <message>
      <source>评价方式为客户屏评价，不需要评价器设备。</source>
      <translation>Rating is on the customer screen; no evaluator device is needed.</translation>
    </message>
    <message>
      <source>该事项没有材料“{key}”。</source>
      <translation>This item has no material “{key}”.</translation>
    </message>
    <message>
      <source>该人员已有未办结的“{item}”办件 {case_no}，不能重复受理。</source>
      <translation>This person already has an open “{item}” case {case_no}; it cannot be taken in twice.</translation>
    </message>
    <message>
      <source>该办件上传时已被退回，不能作出审核结果。</source>
      <translation>This case was returned when uploaded; no review result can be given.</translation>
    </message>
    <message>
      <source>该办件已{state}，不能再修改。</source>
      <translation>This case is {state} and can no longer be changed.</translation>
    </message>
    <message>
      <source>该单元格是数字格式，Excel 只保留15位有效数字，号码已被改变：请将该列设为文本格式后重新填写。</source>
      <translation>This cell is formatted as a number and Excel keeps only 15 significant digits, so the number was changed: format the column as text and type it again.</translation>
    </message>
    <message>
      <source>该卡（第三代社保卡）的个人信息需通过人社部授权的读卡接口（含 PSAM 卡）读取。</source>
      <translation>This (third-generation) card's personal data can only be read through the card interface authorised by the Ministry of Human Resources and Social Security (with a PSAM card).</translation>
    </message>
    <message>
      <source>该同步包是发给另一个中心端的（导出时使用了其他中心端的公钥），本中心端无法解密。</source>
      <translation>This sync bundle is for another central platform (it was exported with another platform's public key); this central platform cannot decrypt it.</translation>
    </message>
    <message>
      <source>该回执包属于服务点 {station}，不是发给本服务点的，已拒绝导入。</source>
      <translation>This receipt bundle belongs to service point {station}, not to this one; import refused.</translation>
    </message>
    <message>
      <source>该文书已打印过，补打须填写原因。</source>
      <translation>This document was printed before; a reprint needs a reason.</translation>
    </message>
    <message>
      <source>该文件不是医保通办同步包，请确认选择的是本机导出的同步包或中心端生成的回执包。</source>
      <translation>This file is not a Tongban sync bundle; choose a bundle exported here or a return bundle made by the centre.</translation>
    </message>
    <message>
      <source>该社保卡的个人信息需通过授权读卡接口读取，请输入公民身份号码。</source>
      <translation>This social security card's personal data can only be read through the authorised card interface; type the citizen ID number.</translation>
    </message>
    <message>
      <source>请先在“同步批次”中选中一个批次。</source>
      <translation>Select a batch under “Sync batches” first.</translation>
    </message>
    <message>
      <source>请先核验申请人身份：插入社保卡、扫描医保电子凭证或输入公民身份号码。</source>
      <translation>Verify the applicant's identity first: insert the social security card, scan the medical insurance e-voucher or type the citizen ID number.</translation>
    </message>
    <message>
      <source>请先选择服务事项。</source>
      <translation>Choose a service item first.</translation>
    </message>
    <message>
      <source>请填写“{label}”。</source>
      <translation>Please fill in “{label}”.</translation>
    </message>
    <message>
      <source>请填写整改情况。</source>
      <translation>Please describe the follow-up.</translation>
    </message>
    <message>
      <source>请填写服务点名称。</source>
      <translation>Please enter the service point's name.</translation>
    </message>
    <message>
      <source>请填写申请人姓名。</source>
      <translation>Please enter the applicant's name.</translation>
    </message>
    <message>
      <source>请指定办件编号。</source>
      <translation>Give the case number.</translation>
    </message>
    <message>
      <source>请指定文书种类（tongban print --list 列出全部种类）。</source>
      <translation>Give the document kind (tongban print --list lists them all).</translation>
    </message>
    <message>
      <source>请求超过中心端允许的大小，未被接收。</source>
      <translation>The request is larger than the hub accepts and was not received.</translation>
    </message>
    <message>
      <source>请用 --out 指定输出的 PDF 文件。</source>
      <translation>Give the output PDF file with --out.</translation>
    </message>
    <message>
      <source>请给出照片文件，或用 --case 办件编号 --material 材料代码（二者选一）。</source>
      <translation>Give photo files, or --case CASE_NO --material MATERIAL_CODE (one or the other).</translation>
    </message>
    <message>
      <source>请至少选择一个角色。</source>
      <translation>Choose at least one role.</translation>
    </message>
    <message>
      <source>请选择不满意的原因，或写下您的意见。</source>
      <translation>Please choose the reason for dissatisfaction or write a comment.</translation>
    </message>
    <message>
      <source>请选择评价：非常满意、满意、基本满意、不满意或非常不满意。</source>
      <translation>Choose a rating: 非常满意, 满意, 基本满意, 不满意 or 非常不满意 (very satisfied … very dissatisfied).</translation>
    </message>
    <message>
      <source>读卡区没有身份证。请将证件平放在阅读器感应区上。</source>
      <translation>No ID card on the reader. Lay the card flat on the reader.</translation>
    </message>
    <message>
      <source>读卡器中未检测到 PSAM 卡，无法读取个人信息。请联系设备管理员。</source>
      <translation>No PSAM card found in the reader, so personal data cannot be read. Contact the equipment administrator.</translation>
    </message>
    <message>
      <source>读卡器中没有卡。请将社保卡芯片朝上插入读卡器。</source>
      <translation>No card in the reader. Insert the social security card chip up.</translation>
    </message>
    <message>
      <source>读卡器厂商的读卡库调用失败（返回码 {rc}），请联系设备厂商。</source>
      <translation>The reader vendor's card library failed (return code {rc}); contact the vendor.</translation>
    </message>
    <message>
      <source>读卡器正被其他程序占用，请关闭其他读卡软件后重试。</source>
      <translation>The card reader is in use by another program; close other card software and try again.</translation>
    </message>
    <message>
      <source>读卡器通讯异常，请重新插拔读卡器后重试。</source>
      <translation>Card reader communication failed; unplug and replug the reader and try again.</translation>
    </message>
    <message>
      <source>读卡失败（状态码 {sw}），请重新插卡后重试。</source>
      <translation>Reading the card failed (status {sw}); insert the card again and retry.</translation>
    </message>
    <message>
      <source>读卡数据不完整（传输中断）。请将身份证平放在读卡区，读完前不要移动，然后重试。</source>
      <translation>Incomplete read (transfer interrupted). Lay the card flat, do not move it until read, and try again.</translation>
    </message>
    <message>
      <source>读卡组件未安装，无法使用读卡器。</source>
      <translation>The card reading component is not installed; the card reader cannot be used.</translation>
    </message>
    <message>
      <source>读卡超时（{seconds} 秒无响应）。请重新插拔阅读器后重试。</source>
      <translation>Read timed out (no answer for {seconds} s). Replug the reader and try again.</translation>
    </message>
    <message>
      <source>读卡超时（{seconds} 秒无响应），请重新插卡或重新插拔读卡器。</source>
      <translation>Card reading timed out (no answer for {seconds} seconds); insert the card again or replug the reader.</translation>
    </message>
    <message>
      <source>读卡过程中卡被拔出，请重新插入社保卡，读完前不要拔卡。</source>
      <translation>The card was pulled out while being read; insert it again and leave it in until reading is done.</translation>
    </message>
    <message>
      <source>读卡过程中证件被移开，请重新放好身份证，读完前不要拿起。</source>
      <translation>The card was removed during the read: put it back and leave it until it is read.</translation>
    </message>
    <message>
      <source>身份证阅读器应答正常（安全模块 SAM 正常）：{reader}</source>
      <translation>ID card reader answers (SAM OK): {reader}</translation>
    </message>
    <message>
      <source>身份证阅读器拒绝了命令（状态 {sw}）。请确认设备型号与读卡方式匹配。</source>
      <translation>The ID card reader refused the command (status {sw}). Check that the device model matches the reading method.</translation>
    </message>
    <message>
      <source>身份证阅读器没有应答。请确认端口和波特率设置正确、阅读器已通电。</source>
      <translation>The ID card reader does not answer. Check the port and baud rate and that the reader has power.</translation>
    </message>
    <message>
      <source>身份证阅读器的厂商读卡库调用失败（{rc}），请联系设备厂商。</source>
      <translation>The ID card reader's vendor library failed ({rc}): contact the vendor.</translation>
    </message>
    <message>
      <source>身份证阅读器的安全模块（SAM）故障（状态 {sw}），请联系设备厂商。</source>
      <translation>The ID card reader's security module (SAM) failed (status {sw}): contact the vendor.</translation>
    </message>
    <message>
      <source>身份证阅读器的安全模块（SAM）未经授权，无法使用，请联系设备厂商。</source>
      <translation>The ID card reader's security module (SAM) is not authorised: contact the vendor.</translation>
    </message>
    <message>
      <source>身份证阅读器返回了无法识别的数据。请确认所选端口连接的是身份证阅读器，或重新插拔后重试。</source>
      <translation>The ID card reader sent data that cannot be recognised. Check that the port is the ID card reader's, or replug it and try again.</translation>
    </message>
    <message>
      <source>身份证阅读器（{port}）连接中断，可能被拔出。请重新插好后再读卡，已录入的内容不受影响。</source>
      <translation>The ID card reader ({port}) was disconnected, perhaps unplugged. Plug it in and read again; what was typed is kept.</translation>
    </message>
    <message>
      <source>输出为单个 .jpg 文件时只能处理一张照片（现有 {count} 张），请改为输出目录。</source>
      <translation>A single .jpg output takes only one photo (there are {count}); give an output directory instead.</translation>
    </message>
    <message>
      <source>还缺少{count}项材料：{names}。请出具一次性告知书，或在允许时选择容缺受理。</source>
      <translation>{count} materials are still missing: {names}. Issue the one-time notice of missing materials, or accept with materials owed where allowed.</translation>
    </message>
    <message>
      <source>这不是社会保障卡，或卡片插反了。请确认卡片后芯片朝上重新插入。</source>
      <translation>This is not a social security card, or it is inserted the wrong way. Check the card and insert it again chip up.</translation>
    </message>
    <message>
      <source>这是15位的一代身份证号码，请使用18位公民身份号码。</source>
      <translation>This is a 15-digit first-generation ID number; please use the 18-digit citizen ID number.</translation>
    </message>
    <message>
      <source>这是中心端的回执包，请在同步中心点“导入回执包”导入。</source>
      <translation>This is a return bundle from the centre; import it with "Import the return bundle" in the sync centre.</translation>
    </message>
    <message>
      <source>这是最后一名在用的管理员，不能停用或改为其他角色。</source>
      <translation>This is the last active administrator; it cannot be disabled or given another role.</translation>
    </message>
    <message>
      <source>这是服务点导出的同步包，应送到中心端导入；在这里请选择中心端生成的回执包。</source>
      <translation>This is a bundle exported by a station; it goes to the centre. Here, choose the return bundle made by the centre.</translation>
    </message>
    <message>
      <source>这是正式服务点的数据目录，不能加载演示数据。</source>
      <translation>This is a real service point's data directory; demo data cannot be loaded into it.</translation>
    </message>
    <message>
      <source>进行中</source>
      <translation>running</translation>
    </message>
    <message>
      <source>连续输错密码次数过多，该账号已锁定，请{minutes}分钟后再试，或请管理员解锁。</source>
      <translation>Too many wrong passwords: this account is locked. Try again in {minutes} minutes, or ask an administrator to unlock it.</translation>
    </message>
    <message>
      <source>选卡失败。请将身份证平放在感应区，不要移动，然后重试。</source>
      <translation>Selecting the card failed. Lay the card flat, do not move it, and try again.</translation>
    </message>
    <message>
      <source>邮政编码应为6位数字。</source>
      <translation>A postal code has 6 digits.</translation>
    </message>
    <message>
      <source>重试被拒办件</source>
      <translation>Retry returned cases</translation>
    </message>
    <message>
      <source>量得的位置（{values}）与校准页相差太大，可能量错或输错了。请确认以实际大小打印、从纸张左边和上边量到十字中心，再输入一次。</source>
      <translation>The measured positions ({values}) are too far from the calibration page's marks; they were probably measured or typed wrongly. Print at actual size, measure from the paper's left and top edges to the centre of each cross, and enter them again.</translation>
    </message>
    <message>
      <source>金额 {field} 应为不小于 0 的数字。</source>
      <translation>Amount {field} must be a number not below 0.</translation>
    </message>
    <message>
      <source>金额“{value}”无效：应为不小于0的数字，最多两位小数。</source>
      <translation>Invalid amount “{value}”: a number not below 0 with at most two decimals.</translation>
    </message>
    <message>
      <source>银行卡号校验不通过，请核对后重新输入。</source>
      <translation>The bank card number fails its check; please check and type it again.</translation>
    </message>
    <message>
      <source>银行账号应为12至19位数字。</source>
      <translation>A bank account number has 12 to 19 digits.</translation>
    </message>
    <message>
      <source>阅读器上的不是可识别的身份证件。</source>
      <translation>The card on the reader is not a recognised identity card.</translation>
    </message>
    <message>
      <source>预计剩余 {eta}</source>
      <translation>about {eta} left</translation>
    </message>
    <message>
      <source>预计剩余时间计算中</source>
      <translation>estimating time left</translation>
    </message>
    <message>
      <source>首次导出需要中心端公钥文件（由中心端提供，拷在U盘上），请选择该文件。</source>
      <translation>The first export needs the central platform's public key file (from the centre, on the USB stick); choose it.</translation>
    </message>
    <message>
      <source>（重复发送，已确认）</source>
      <translation>(sent twice, confirmed)</translation>
    </message>
  </context>
</TS>
