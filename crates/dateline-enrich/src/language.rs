//! The language of a text, for pages that do not declare one: whatlang's
//! trigram detector, reported only when it is reliable (a few sentences
//! are needed; a headline alone is not enough).

/// Bytes of the text the detector reads.
const SAMPLE_BYTES: usize = 1024;

/// The ISO 639-1 code of the language `text` is written in ("en"), when
/// the detector is sure of it.
pub fn detect_language(text: &str) -> Option<String> {
    // A few paragraphs decide; a book-length text would only cost time.
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = whatlang::detect(&text[..end])?;
    if !info.is_reliable() {
        return None;
    }
    let language = isolang::Language::from_639_3(info.lang().code())?;
    language.to_639_1().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reliable_texts_get_a_code() {
        let english = "Russian forces entered the city on Monday, residents said, as the \
                       last American troops left the area after weeks of fighting.";
        assert_eq!(detect_language(english).as_deref(), Some("en"));
        let french = "Les forces russes sont entrées lundi dans la ville, ont déclaré les \
                      habitants, alors que les dernières troupes américaines quittaient la région.";
        assert_eq!(detect_language(french).as_deref(), Some("fr"));
        let arabic = "دخلت القوات الروسية المدينة يوم الاثنين بحسب ما قال السكان";
        assert_eq!(detect_language(arabic).as_deref(), Some("ar"));
        assert_eq!(detect_language("Raqqa"), None);
        assert_eq!(detect_language(""), None);
    }
}
