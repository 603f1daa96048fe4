//! Regions: where a school is, from a fixed list rather than free text, so
//! the directory, the network dashboard and the exports group schools the
//! same way whatever language a coordinator typed in.
//!
//! The list holds China's provincial divisions (provinces, the four cities
//! governed directly, autonomous regions and the special administrative
//! regions), with their ISO 3166-2:CN codes, and the United Kingdom's
//! nations and England's nine regions, with ISO 3166-2:GB codes for the
//! nations and the ONS (GSS) codes for England's regions. A school's stored
//! region is one of these codes, or empty when not given. A value from
//! before the list (free text a migration could not match) is kept and shown
//! as it was written until someone chooses from the list.

use serde::{Deserialize, Serialize};

/// Which country a region is in: the form groups regions by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Country {
    China,
    UnitedKingdom,
}

impl Country {
    pub const ALL: [Country; 2] = [Country::China, Country::UnitedKingdom];

    /// The country's name in `lang` (`zh` for Chinese, English otherwise).
    pub fn name(self, lang: &str) -> &'static str {
        match (self, lang == "zh") {
            (Country::China, false) => "China",
            (Country::China, true) => "中国",
            (Country::UnitedKingdom, false) => "United Kingdom",
            (Country::UnitedKingdom, true) => "英国",
        }
    }
}

/// One region of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// The official code, which is what a school stores.
    pub code: &'static str,
    pub country: Country,
    pub english: &'static str,
    pub chinese: &'static str,
}

impl Region {
    /// The region's name in `lang` (`zh` for Chinese, English otherwise).
    pub fn name(&self, lang: &str) -> &'static str {
        if lang == "zh" {
            self.chinese
        } else {
            self.english
        }
    }
}

const fn cn(code: &'static str, english: &'static str, chinese: &'static str) -> Region {
    Region {
        code,
        country: Country::China,
        english,
        chinese,
    }
}

const fn gb(code: &'static str, english: &'static str, chinese: &'static str) -> Region {
    Region {
        code,
        country: Country::UnitedKingdom,
        english,
        chinese,
    }
}

/// Every region, by country, then by English name.
pub const REGIONS: [Region; 46] = [
    cn("CN-AH", "Anhui", "安徽省"),
    cn("CN-BJ", "Beijing", "北京市"),
    cn("CN-CQ", "Chongqing", "重庆市"),
    cn("CN-FJ", "Fujian", "福建省"),
    cn("CN-GS", "Gansu", "甘肃省"),
    cn("CN-GD", "Guangdong", "广东省"),
    cn("CN-GX", "Guangxi", "广西壮族自治区"),
    cn("CN-GZ", "Guizhou", "贵州省"),
    cn("CN-HI", "Hainan", "海南省"),
    cn("CN-HE", "Hebei", "河北省"),
    cn("CN-HL", "Heilongjiang", "黑龙江省"),
    cn("CN-HA", "Henan", "河南省"),
    cn("CN-HK", "Hong Kong", "香港特别行政区"),
    cn("CN-HB", "Hubei", "湖北省"),
    cn("CN-HN", "Hunan", "湖南省"),
    cn("CN-NM", "Inner Mongolia", "内蒙古自治区"),
    cn("CN-JS", "Jiangsu", "江苏省"),
    cn("CN-JX", "Jiangxi", "江西省"),
    cn("CN-JL", "Jilin", "吉林省"),
    cn("CN-LN", "Liaoning", "辽宁省"),
    cn("CN-MO", "Macao", "澳门特别行政区"),
    cn("CN-NX", "Ningxia", "宁夏回族自治区"),
    cn("CN-QH", "Qinghai", "青海省"),
    cn("CN-SN", "Shaanxi", "陕西省"),
    cn("CN-SD", "Shandong", "山东省"),
    cn("CN-SH", "Shanghai", "上海市"),
    cn("CN-SX", "Shanxi", "山西省"),
    cn("CN-SC", "Sichuan", "四川省"),
    cn("CN-TW", "Taiwan", "台湾省"),
    cn("CN-TJ", "Tianjin", "天津市"),
    cn("CN-XJ", "Xinjiang", "新疆维吾尔自治区"),
    cn("CN-XZ", "Xizang (Tibet)", "西藏自治区"),
    cn("CN-YN", "Yunnan", "云南省"),
    cn("CN-ZJ", "Zhejiang", "浙江省"),
    gb("E12000006", "East of England", "英格兰东部"),
    gb("E12000004", "East Midlands", "东米德兰兹"),
    gb("E12000007", "London", "伦敦"),
    gb("E12000001", "North East", "英格兰东北部"),
    gb("GB-NIR", "Northern Ireland", "北爱尔兰"),
    gb("E12000002", "North West", "英格兰西北部"),
    gb("GB-SCT", "Scotland", "苏格兰"),
    gb("E12000008", "South East", "英格兰东南部"),
    gb("E12000009", "South West", "英格兰西南部"),
    gb("GB-WLS", "Wales", "威尔士"),
    gb("E12000005", "West Midlands", "西米德兰兹"),
    gb("E12000003", "Yorkshire and the Humber", "约克郡和亨伯"),
];

/// The region with this code.
pub fn by_code(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code == code)
}

/// The regions of one country, in the list's order.
pub fn of(country: Country) -> impl Iterator<Item = &'static Region> {
    REGIONS.iter().filter(move |r| r.country == country)
}

/// A stored region as a reader sees it: the region's name in `lang`, or
/// the stored text itself when it is not a code of the list (a value from
/// before the list), or empty when none is given.
pub fn display(stored: &str, lang: &str) -> String {
    match by_code(stored) {
        Some(region) => region.name(lang).to_owned(),
        None => stored.to_owned(),
    }
}

/// What a region field may be set to: a code of the list, nothing, or
/// the value the school already has (so saving a form that still shows an
/// old free-text region loses nothing). `None` when it may not.
pub fn accept<'a>(chosen: &'a str, current: &str) -> Option<&'a str> {
    let chosen = chosen.trim();
    (chosen.is_empty() || chosen == current || by_code(chosen).is_some()).then_some(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_names_are_in_both_languages() {
        for (i, region) in REGIONS.iter().enumerate() {
            assert!(
                REGIONS[i + 1..].iter().all(|r| r.code != region.code),
                "{} twice",
                region.code
            );
            assert!(region.english.is_ascii() && !region.english.is_empty());
            assert!(
                region.chinese.chars().all(|c| !c.is_ascii()),
                "{}",
                region.code
            );
        }
    }

    #[test]
    fn china_has_its_thirty_four_provincial_divisions() {
        assert_eq!(of(Country::China).count(), 34);
        assert!(of(Country::China).all(|r| r.code.starts_with("CN-")));
        assert_eq!(of(Country::UnitedKingdom).count(), 12);
    }

    #[test]
    fn a_code_reads_in_the_readers_language_and_free_text_as_written() {
        assert_eq!(display("CN-SH", "zh"), "上海市");
        assert_eq!(display("CN-SH", "en"), "Shanghai");
        assert_eq!(display("E12000003", "en"), "Yorkshire and the Humber");
        assert_eq!(display("Somewhere", "zh"), "Somewhere");
        assert_eq!(display("", "en"), "");
    }

    #[test]
    fn only_a_listed_code_nothing_or_the_current_value_is_accepted() {
        assert_eq!(accept(" CN-BJ ", ""), Some("CN-BJ"));
        assert_eq!(accept("", "CN-BJ"), Some(""));
        assert_eq!(accept("Old text", "Old text"), Some("Old text"));
        assert_eq!(accept("Atlantis", "CN-BJ"), None);
        assert_eq!(accept("cn-bj", ""), None);
    }
}
