//! テキスト分析: the co-occurrence network.

use super::*;

/// テキスト分析 as the page shows it: the network of every comment in scope,
/// and one pair per meeting (他者 | 自己), each drawn as SVG.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct TextView {
    pub analysis: bansou::analysis::cooc::TextAnalysis,
    pub svg: String,
    /// Per meeting, oldest first: (他者, 自己) pictures.
    pub meeting_svgs: Vec<[String; 2]>,
    /// How the words were counted (「最小出現数 2（報告書と同じ）・…」).
    pub settings: String,
}

#[tauri::command]
pub async fn text_view(
    state: State<'_, AppState>,
    project_id: Option<i64>,
    filter: bansou::model::cooc::TextFilter,
) -> CmdResult<TextView> {
    use bansou::chart::network::network_scene;
    use bansou::chart::svg::render;
    let analysis = state.with(|s| bansou::analysis::cooc::text_analysis(s, project_id, &filter))?;
    guarded(|| {
        let svg = render(&network_scene(
            &bansou::analysis::cooc::network_title(&filter.kind),
            &analysis.network,
        ));
        let meeting_svgs = analysis
            .per_meeting
            .iter()
            .map(|m| {
                [
                    render(&network_scene(
                        &format!("{}・他者評価", m.held_on_label),
                        &m.other,
                    )),
                    render(&network_scene(
                        &format!("{}・自己評価", m.held_on_label),
                        &m.own,
                    )),
                ]
            })
            .collect();
        Ok(TextView {
            settings: analysis.settings_line(),
            analysis,
            svg,
            meeting_svgs,
        })
    })
}

/// The comments in scope that contain `word` (as counted, e.g. 産業保健総合支援センター).
#[tauri::command]
pub async fn text_comments(
    state: State<'_, AppState>,
    project_id: Option<i64>,
    filter: bansou::model::cooc::TextFilter,
    word: String,
) -> CmdResult<Vec<bansou::model::cooc::CommentDocument>> {
    state.with(|s| {
        let (scope, _, _) = filter.validate(project_id)?;
        s.ensure_words()?;
        Ok(s.comment_documents(&scope)?
            .into_iter()
            .filter(|d| d.words.iter().any(|(w, _)| *w == word))
            .collect())
    })
}

/// The stop-word list; null goes back to the app's default.
#[tauri::command]
pub async fn set_stop_words(
    state: State<'_, AppState>,
    words: Option<Vec<String>>,
) -> CmdResult<Vec<String>> {
    state.with(|s| s.set_stop_words(words.as_deref()))
}

#[tauri::command]
pub async fn set_word_classes(
    state: State<'_, AppState>,
    classes: Vec<bansou::tokenizer::WordClass>,
) -> CmdResult<()> {
    state.with(|s| s.set_word_classes(&classes))
}

/// The network as a file: GraphML, the word list or the edge list as CSV, or the picture as SVG.
#[tauri::command]
pub async fn export_network(
    state: State<'_, AppState>,
    project_id: Option<i64>,
    filter: bansou::model::cooc::TextFilter,
    format: String,
    target: String,
) -> CmdResult<ExportResult> {
    let analysis = state.with(|s| bansou::analysis::cooc::text_analysis(s, project_id, &filter))?;
    let net = &analysis.network;
    let bytes = guarded(|| {
        Ok(match format.as_str() {
            "graphml" => bansou::files::graph::graphml(net).into_bytes(),
            "svg" => bansou::chart::svg::render(&bansou::chart::network::network_scene(
                &bansou::analysis::cooc::network_title(&filter.kind),
                net,
            ))
            .into_bytes(),
            "nodes" => bansou::files::graph::csv_lists(net)?.0,
            "edges" => bansou::files::graph::csv_lists(net)?.1,
            other => {
                return Err(CommandError::from(bansou::Error::Validation(vec![
                    bansou::FieldError::new(
                        "format",
                        format!("書き出しの形式「{other}」はありません"),
                    ),
                ])))
            }
        })
    })?;
    save_export(&state, &target, &bytes)
}
