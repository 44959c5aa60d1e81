//! Windows only: the window needs Microsoft Edge WebView2. Windows 11 has it;
//! a Windows 10 PC may not. Without this check the app would exit silently.

/// What the user reads when WebView2 is missing (also printed, for scripts).
pub const MISSING: &str = "伴走ノートの画面には Microsoft Edge WebView2 ランタイムが必要ですが、この PC には見つかりませんでした。\n\n\
Microsoft の WebView2 のページ（https://developer.microsoft.com/ja-jp/microsoft-edge/webview2/）から\
「エバーグリーン ブートストラップ」をダウンロードして実行し、終わったら伴走ノートをもう一度起動してください。\
管理者権限がなくても入れられます。組織の PC では情報システムの担当の方にご相談ください。\n\n\
記録（データ）は消えていません。コマンド版 bansou.exe は WebView2 なしで使えます。";

/// Shows the message and returns false when WebView2 cannot be found.
pub fn check() -> bool {
    if wry::webview_version().is_ok() {
        return true;
    }
    eprintln!("{MISSING}");
    // Tests under Wine (which has no WebView2) read the message from stderr
    // instead of waiting on a dialog nobody can close.
    if std::env::var_os("BANSOU_NO_DIALOG").is_none() {
        show(MISSING, "伴走ノート");
    }
    false
}

fn show(text: &str, title: &str) {
    use windows_sys::Win32::UI::WindowsAndMessaging::{MessageBoxW, MB_ICONWARNING, MB_OK};
    let wide = |s: &str| {
        s.encode_utf16()
            .chain(std::iter::once(0))
            .collect::<Vec<u16>>()
    };
    let (text, title) = (wide(text), wide(title));
    // SAFETY: both buffers are NUL-terminated UTF-16 and outlive the call; a
    // null owner window is allowed.
    unsafe {
        MessageBoxW(
            std::ptr::null_mut(),
            text.as_ptr(),
            title.as_ptr(),
            MB_OK | MB_ICONWARNING,
        );
    }
}
