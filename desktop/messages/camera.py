"""Chinese text for camera, e-voucher and material-photo error codes (issue 6)."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "camera.not_configured": "尚未选择摄像头，请在“设置”中选择柜台摄像头。",
    "camera.unavailable": "摄像头组件不可用（未安装 OpenCV），请联系技术支持。",
    "camera.not_found": "未找到摄像头（编号 {index}），请检查 USB 连接后重试。",
    "camera.busy": "摄像头（编号 {index}）正被其他程序占用，请关闭视频会议等程序后重试。",
    "camera.disconnected": "摄像头（编号 {index}）已断开，请检查 USB 连接后重新打开。",
    "camera.file_not_found": "找不到文件：{path}",
    "camera.unreadable_file": "无法读取图像或视频文件：{path}",
    "image.unreadable": "无法识别的图像文件{path}，请用 JPEG 或 PNG 格式。",
    "image.too_large": "图像尺寸过大（{width}×{height}，约 {megapixels} 百万像素，上限 {limit} 百万像素），"
    "已拒绝处理。请缩小后再试。",
    "camera.timeout": "在 {seconds} 秒内未识别到二维码，请将手机屏幕对准摄像头后重试。",
    "evoucher.empty": "未读到医保电子凭证内容，请重新扫码。",
    "evoucher.not_evoucher": "扫到的不是医保电子凭证二维码，请让群众打开“医保电子凭证”页面后再扫。",
    "evoucher.bad_length": "医保电子凭证二维码长度不符（{length} 位，应为 {expected} 位），请刷新凭证后重扫。",
    "evoucher.not_digits": "医保电子凭证二维码含有非数字字符，请刷新凭证后重扫。",
    "evoucher.bad_suffix": "医保电子凭证二维码格式不符（结尾应为 0000），请刷新凭证后重扫。",
    "evoucher.bad_province": "医保电子凭证二维码中的省份代码 {province} 无效，请刷新凭证后重扫。",
    "photo.empty_image": "照片为空，请重新拍摄。",
    "photo.no_card": "没有找到证件的轮廓。请把证件平放在深色垫板中间，四边都在画面内，再拍一次。",
    "photo.encode_failed": "照片压缩失败，请重新拍摄。",
    "photo.no_output_dir": "无法写入输出目录：{path}",
    "photo.out_file_needs_one_input": "输出为单个 .jpg 文件时只能处理一张照片（现有 {count} 张），请改为输出目录。",
    "photo.pdf_needs_out": "请用 --out 指定输出的 PDF 文件。",
    "photo.pdf_case_or_files": "请给出照片文件，或用 --case 办件编号 --material 材料代码（二者选一）。",
    "material.not_in_case": "办件 {case_no} 的材料清单中没有“{material}”，可用 --list 查看材料代码。",
    "material.no_pages": "办件 {case_no} 的“{material}”尚未拍照或上传，没有可导出的页面。",
}
