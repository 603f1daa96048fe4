//! A school's region becomes a code from the list of regions (China's
//! provincial divisions by ISO 3166-2:CN, the United Kingdom's nations by
//! ISO 3166-2:GB and England's regions by their ONS codes) in place of free
//! text. Values naming a listed region, in English or Chinese, become its
//! code; any other value is kept as written, and the school's page asks for
//! a choice from the list the next time someone edits it.
//!
//! The table below is this migration's own, frozen copy: the application's
//! list may grow, but what this migration did must not change.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum School {
    Table,
    Region,
}

/// Code, then the names (compared without case) that mean it, the first
/// as the list writes it in English.
const NAMES: [(&str, &[&str]); 46] = [
    ("CN-AH", &["Anhui", "安徽省", "安徽"]),
    ("CN-BJ", &["Beijing", "北京市", "北京"]),
    ("CN-CQ", &["Chongqing", "重庆市", "重庆"]),
    ("CN-FJ", &["Fujian", "福建省", "福建"]),
    ("CN-GS", &["Gansu", "甘肃省", "甘肃"]),
    ("CN-GD", &["Guangdong", "广东省", "广东"]),
    ("CN-GX", &["Guangxi", "广西壮族自治区", "广西"]),
    ("CN-GZ", &["Guizhou", "贵州省", "贵州"]),
    ("CN-HI", &["Hainan", "海南省", "海南"]),
    ("CN-HE", &["Hebei", "河北省", "河北"]),
    ("CN-HL", &["Heilongjiang", "黑龙江省", "黑龙江"]),
    ("CN-HA", &["Henan", "河南省", "河南"]),
    ("CN-HK", &["Hong Kong", "香港特别行政区", "香港"]),
    ("CN-HB", &["Hubei", "湖北省", "湖北"]),
    ("CN-HN", &["Hunan", "湖南省", "湖南"]),
    (
        "CN-NM",
        &["Inner Mongolia", "nei mongol", "内蒙古自治区", "内蒙古"],
    ),
    ("CN-JS", &["Jiangsu", "江苏省", "江苏"]),
    ("CN-JX", &["Jiangxi", "江西省", "江西"]),
    ("CN-JL", &["Jilin", "吉林省", "吉林"]),
    ("CN-LN", &["Liaoning", "辽宁省", "辽宁"]),
    ("CN-MO", &["Macao", "macau", "澳门特别行政区", "澳门"]),
    ("CN-NX", &["Ningxia", "宁夏回族自治区", "宁夏"]),
    ("CN-QH", &["Qinghai", "青海省", "青海"]),
    ("CN-SN", &["Shaanxi", "陕西省", "陕西"]),
    ("CN-SD", &["Shandong", "山东省", "山东"]),
    ("CN-SH", &["Shanghai", "上海市", "上海"]),
    ("CN-SX", &["Shanxi", "山西省", "山西"]),
    ("CN-SC", &["Sichuan", "四川省", "四川"]),
    ("CN-TW", &["Taiwan", "台湾省", "台湾"]),
    ("CN-TJ", &["Tianjin", "天津市", "天津"]),
    ("CN-XJ", &["Xinjiang", "新疆维吾尔自治区", "新疆"]),
    (
        "CN-XZ",
        &["Xizang (Tibet)", "tibet", "xizang", "西藏自治区", "西藏"],
    ),
    ("CN-YN", &["Yunnan", "云南省", "云南"]),
    ("CN-ZJ", &["Zhejiang", "浙江省", "浙江"]),
    ("E12000006", &["East of England", "英格兰东部"]),
    ("E12000004", &["East Midlands", "东米德兰兹"]),
    ("E12000007", &["London", "伦敦"]),
    (
        "E12000001",
        &["North East", "north east england", "英格兰东北部"],
    ),
    ("GB-NIR", &["Northern Ireland", "北爱尔兰"]),
    (
        "E12000002",
        &["North West", "north west england", "英格兰西北部"],
    ),
    ("GB-SCT", &["Scotland", "苏格兰"]),
    (
        "E12000008",
        &["South East", "south east england", "英格兰东南部"],
    ),
    (
        "E12000009",
        &["South West", "south west england", "英格兰西南部"],
    ),
    ("GB-WLS", &["Wales", "威尔士"]),
    ("E12000005", &["West Midlands", "西米德兰兹"]),
    (
        "E12000003",
        &["Yorkshire and the Humber", "约克郡和亨伯", "约克郡-亨伯"],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (code, names) in NAMES {
            let names = names.iter().map(|n| n.to_lowercase());
            let update = Query::update()
                .table(School::Table)
                .value(School::Region, code)
                .and_where(Expr::expr(Func::lower(Expr::col(School::Region))).is_in(names))
                .to_owned();
            manager.exec_stmt(update).await?;
        }
        Ok(())
    }

    /// Back to free text: each code becomes its English name.
    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (code, names) in NAMES {
            let update = Query::update()
                .table(School::Table)
                .value(School::Region, names[0])
                .and_where(Expr::col(School::Region).eq(code))
                .to_owned();
            manager.exec_stmt(update).await?;
        }
        Ok(())
    }
}
