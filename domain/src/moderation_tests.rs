use super::*;

#[test]
fn personal_data_is_masked_and_held() {
    let s = screen("Ring til mig på 22 33 44 55");
    assert_eq!(s.text, format!("Ring til mig på {}", masking::PHONE_MASK));
    assert!(s.masked && s.held() && !s.urgent());
    assert_eq!(s.reasons(), "masked");
}

#[test]
fn swearing_is_found() {
    for text in [
        "Bussen er noget lort",
        "Det er LORT",
        "Kraftedeme dårligt",
        "fandme for dårligt",
        "fuck det",
        "Den fucking bus kommer aldrig",
        "han er et røvhul",
        "din kælling",
        "pis og papir",
        "Lortemad hver dag i kantinen",
        "l0rt",
        "$hit happens",
        "fuuuuuck",
        "pikhoved",
        "hun kaldte mig en luder",
        "perkere ud",
        "This is bullshit",
        "what the fuck",
        "He is an ASS.",
        "Lærerne er idioter",
        "for\nhelvede",
        "hold op for  satan",
    ] {
        let s = screen(text);
        assert!(s.swearing, "{text:?} should count as swearing");
        assert!(s.held() && !s.urgent(), "{text:?}");
        assert!(!s.self_harm, "{text:?}");
    }
}

#[test]
fn self_harm_is_found_and_urgent() {
    for text in [
        "Jeg har tænkt på selvmord",
        "Jeg har selvmordstanker",
        "SELVMORD",
        "jeg vil ikke leve mere",
        "Jeg vil\n\nikke   leve længere",
        "Nogle gange vil jeg bare dø",
        "jeg skærer i mig selv når det er slemt",
        "jeg cutter",
        "jeg har cuttet mig selv",
        "jeg har lyst til at tage mit eget liv",
        "Jeg tænker på at slå mig selv ihjel",
        "Jeg har selvskadende adfærd",
        "I want to die",
        "i wanna kill myself",
        "I don't want to live anymore",
        "I dont want to live",
        "I don’t want to live",
        "I have been self-harming",
        "self harm",
        "Suicidal thoughts every day",
        "I just want to end it all",
    ] {
        let s = screen(text);
        assert!(s.self_harm, "{text:?} should count as self-harm");
        assert!(s.urgent() && s.held(), "{text:?}");
    }
}

#[test]
fn innocent_text_is_not_flagged() {
    for text in [
        "Der er for mange elever i klassen",
        "Jeg fik god assistance fra vejlederen",
        "I need assistance with my class schedule",
        "Maden var pikant krydret",
        "Han stod og sømmede med en spiker",
        "Døgnet rundt er der åbent",
        "Skærmen i klubben er i stykker",
        "Vi har været i Scunthorpe",
        "Jeg bor i Assens",
        "Min morfar er død",
        "Filmen var død kedelig",
        "Vi læste Dickens",
        "Jeg elsker piskefløde og pisket fløde",
        "Røveren blev fanget",
        "Det er slut nu, sluttet",
        "Mit yndlingsfag er dansk",
        "Jeg er bøsse og vil have et trygt ungdomsmiljø",
        "Jeg var ved at dø af grin",
        "Suicide Squad er en god film",
        "Skolen vil ikke leve op til reglerne",
        "Det er selvfølgelig selvom det er selvstændigt",
        "Det var skidt, men ikke et helvede",
        "Jeg skal cutte videoen til projektet",
        "Jeg vil ikke hænge mig i detaljer",
        "Jeg har 4 i dansk og fik 3d-printeren til at virke",
        "Vi spillede bas og havde en god klasse",
        "Han hørte musik med sin kusine",
        "Vi så en dokumentar om Arsenal",
        "Vi lavede en analyse i timen",
        "I 2024 var der 1300 unge",
        "Hun var ked af det, men fik hjælp",
        "Jeg elsker shiitake og shitake svampe",
        "Kan vi få en paper cutter i klubben?",
        "Jeg vil gerne leve et godt liv",
        "De døde planter i skolegården",
        "Fodboldholdet tabte 3-1",
    ] {
        let s = screen(text);
        assert!(!s.swearing && !s.self_harm, "{text:?} flagged: {}", s.reasons());
        assert!(!s.held(), "{text:?}");
        assert_eq!(s.reasons(), "", "{text:?}");
        assert_eq!(s.text, text, "{text:?}");
    }
}

#[test]
fn phrases_break_at_punctuation() {
    assert!(!screen("Jeg vil. Ikke leve sådan her, siger de").self_harm);
    assert!(screen("jeg vil ikke leve").self_harm);
}

#[test]
fn reasons_list_every_cause_in_a_stable_order() {
    let s = screen("fuck, jeg vil dø. ring 22334455");
    assert!(s.masked && s.swearing && s.self_harm);
    assert_eq!(s.reasons(), "masked,swearing,self_harm");
    assert!(s.held() && s.urgent());
    assert_eq!(screen("lort, ring 22334455").reasons(), "masked,swearing");
    assert_eq!(screen("Bussen er god").reasons(), "");
    assert_eq!(screen("Karin fra jobcentret bor på Vestergade 12").reasons(), "person,address");
    let nickname = screen("Mads");
    assert!(nickname.held() && !nickname.held_ignoring_names());
    let quiet = screen("Bussen er god");
    assert!(!quiet.held() && !quiet.urgent());
}

#[test]
fn lists_are_well_formed() {
    for (name, list) in [("swearing", &*SWEARING), ("self-harm", &*SELF_HARM)] {
        assert!(list.hits.len() >= 40, "{name}: {} entries", list.hits.len());
        for entry in list.hits.iter().chain(&list.exceptions) {
            assert!(!entry.0.is_empty(), "{name}: empty entry");
            for p in &entry.0 {
                // A stray comma or "*" in the middle would never match anything.
                assert!(!p.word.is_empty() && p.word.chars().all(char::is_alphanumeric), "{name}: bad word {:?}", p.word);
            }
        }
    }
}

#[test]
fn words_are_split_and_normalised() {
    let t = tokens("Don't  F0RTÆL-det,  h3j");
    let first: Vec<&str> = t.iter().map(|t| t.forms[0].as_str()).collect();
    assert_eq!(first, ["dont", "f0rtæl", "det", "h3j"]);
    assert!(t[1].forms.contains(&"fortæl".to_string()));
    assert_eq!(t.iter().map(|t| t.joined).collect::<Vec<_>>(), [false, true, true, false]);
    assert_eq!(tokens("2024")[0].forms, ["2024"]);
}
