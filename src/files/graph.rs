//! The co-occurrence network for other tools, as KH Coder users ask for it:
//! GraphML (node `frequency`, edge `weight`, readable by networkx, Gephi,
//! igraph) and CSV node and edge lists that Excel opens.

use super::csv::sheet;
use crate::analysis::cooc::Network;
use crate::error::Result;
use std::fmt::Write;

/// Text as XML 1.0 allows it: markup characters escaped, characters XML
/// cannot hold at all dropped.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => {}
            c => out.push(c),
        }
    }
    out
}

pub fn graphml(net: &Network) -> String {
    let mut w = String::new();
    w.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    w.push('\n');
    w.push_str(r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#);
    w.push('\n');
    for (id, for_, name, ty) in [
        ("d0", "node", "label", "string"),
        ("d1", "node", "frequency", "int"),
        ("d2", "node", "documents", "int"),
        ("d3", "node", "class", "string"),
        ("d4", "node", "community", "int"),
        ("d5", "edge", "weight", "double"),
        ("d6", "edge", "together", "int"),
    ] {
        let _ = writeln!(
            w,
            r#"  <key id="{id}" for="{for_}" attr.name="{name}" attr.type="{ty}"/>"#
        );
    }
    w.push_str("  <graph id=\"共起ネットワーク\" edgedefault=\"undirected\">\n");
    for (i, n) in net.nodes.iter().enumerate() {
        let _ = writeln!(
            w,
            r#"    <node id="n{i}"><data key="d0">{}</data><data key="d1">{}</data><data key="d2">{}</data><data key="d3">{}</data><data key="d4">{}</data></node>"#,
            xml(&n.word),
            n.frequency,
            n.documents,
            n.class.label(),
            n.community
        );
    }
    for (i, e) in net.edges.iter().enumerate() {
        let _ = writeln!(
            w,
            r#"    <edge id="e{i}" source="n{}" target="n{}"><data key="d5">{:.6}</data><data key="d6">{}</data></edge>"#,
            e.source, e.target, e.jaccard, e.together
        );
    }
    w.push_str("  </graph>\n</graphml>\n");
    w
}

/// (nodes.csv, edges.csv): one row per word drawn, one per line between them.
pub fn csv_lists(net: &Network) -> Result<(Vec<u8>, Vec<u8>)> {
    let nodes: Vec<Vec<String>> = net
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            vec![
                format!("n{i}"),
                n.word.clone(),
                n.class.label().into(),
                n.frequency.to_string(),
                n.documents.to_string(),
                (n.community + 1).to_string(),
            ]
        })
        .collect();
    let edges: Vec<Vec<String>> = net
        .edges
        .iter()
        .map(|e| {
            vec![
                net.nodes[e.source as usize].word.clone(),
                net.nodes[e.target as usize].word.clone(),
                format!("{:.6}", e.jaccard),
                e.together.to_string(),
            ]
        })
        .collect();
    Ok((
        sheet(
            &["id", "語", "品詞", "出現数", "コメント数", "グループ"],
            &nodes,
        )?,
        sheet(&["語1", "語2", "Jaccard係数", "共起したコメント数"], &edges)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::cooc::network;
    use crate::model::cooc::NetworkOptions;
    use crate::tokenizer::WordClass;

    fn net() -> Network {
        let d: Vec<Vec<(String, WordClass)>> = [
            ["事業", "情報<&>"],
            ["事業", "情報<&>"],
            ["提案", "資料"],
            ["提案", "資料"],
        ]
        .iter()
        .map(|ws| {
            ws.iter()
                .map(|w| (w.to_string(), WordClass::Noun))
                .collect()
        })
        .collect();
        let refs: Vec<&[(String, WordClass)]> = d.iter().map(Vec::as_slice).collect();
        network(
            &refs,
            &NetworkOptions {
                min_freq: 2,
                top: 60,
                classes: WordClass::ALL.to_vec(),
                stop_words: vec![],
            },
        )
    }

    #[test]
    fn graphml_is_well_formed_with_frequency_and_weight() {
        let net = net();
        let text = graphml(&net);
        let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
        let ns = "http://graphml.graphdrawing.org/xmlns";
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "graphml");
        assert_eq!(root.tag_name().namespace(), Some(ns));
        let keys: Vec<(&str, &str)> = root
            .children()
            .filter(|n| n.has_tag_name((ns, "key")))
            .map(|k| {
                (
                    k.attribute("attr.name").unwrap(),
                    k.attribute("for").unwrap(),
                )
            })
            .collect();
        assert!(keys.contains(&("frequency", "node")) && keys.contains(&("weight", "edge")));
        let graph = root
            .children()
            .find(|n| n.has_tag_name((ns, "graph")))
            .unwrap();
        assert_eq!(graph.attribute("edgedefault"), Some("undirected"));
        let nodes: Vec<_> = graph
            .children()
            .filter(|n| n.has_tag_name((ns, "node")))
            .collect();
        let edges: Vec<_> = graph
            .children()
            .filter(|n| n.has_tag_name((ns, "edge")))
            .collect();
        assert_eq!((nodes.len(), edges.len()), (4, 2));
        // The markup characters of a word come back as they were.
        assert!(nodes
            .iter()
            .any(|n| n.children().any(|d| d.text() == Some("情報<&>"))));
        for e in &edges {
            let weight = e
                .children()
                .find(|d| d.attribute("key") == Some("d5"))
                .and_then(|d| d.text())
                .unwrap();
            assert_eq!(weight.parse::<f64>().unwrap(), 1.0);
        }
    }

    #[test]
    fn csv_lists_open_in_excel() {
        let (nodes, edges) = csv_lists(&net()).unwrap();
        assert!(nodes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(edges[3..].to_vec()).unwrap();
        assert!(
            text.starts_with("語1,語2,Jaccard係数,共起したコメント数\r\n"),
            "{text}"
        );
        assert_eq!(text.lines().count(), 3);
    }
}
