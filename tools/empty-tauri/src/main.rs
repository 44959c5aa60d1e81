// The page calls `ready` once drawn; with BANSOU_READY_FILE set, the shell
// writes that file, as 伴走ノート does, so both are timed the same way.
#[tauri::command]
fn ready() {
    if let Some(path) = std::env::var_os("BANSOU_READY_FILE") {
        let _ = std::fs::write(path, b"ready\n");
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("the empty window");
}
