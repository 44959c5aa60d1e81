-- テキスト分析: the words of every evaluation comment, computed when the comment
-- is saved (or by a background pass for comments that have none yet), so an
-- analysis reads words instead of analysing the text again. `words` holds
-- 「語 US 品詞」 pairs separated by RS (U+001F, U+001E), in order;
-- `words_version` is the tokenizer's version that produced them (NULL: not yet).

ALTER TABLE evaluation_items ADD COLUMN words TEXT;
ALTER TABLE evaluation_items ADD COLUMN words_version INTEGER;

-- Whatever changes a comment (a form, an import) leaves no stale words.
CREATE TRIGGER evaluation_items_comment_changed AFTER UPDATE OF comment ON evaluation_items
    WHEN NEW.comment IS NOT OLD.comment
BEGIN
    UPDATE evaluation_items SET words = NULL, words_version = NULL
        WHERE evaluation_id = NEW.evaluation_id AND item = NEW.item;
END;
