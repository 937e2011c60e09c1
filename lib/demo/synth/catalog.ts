import type { UnitKind } from "@/lib/generated/prisma/enums.ts";

// Names the synthetic province is made of, modelled on the units, groups and
// wording of the seed documents (prisma/demo-units.json).

export type UnitTemplate = {
  name: string;
  kind: UnitKind;
  shortName?: string;
  aliases?: string[];
  /** Always present (the bureau, the government office …); others are drawn. */
  core?: boolean;
  /** Enforcement department: member of 各行政执法部门. */
  enforcement?: boolean;
};

export const DEPARTMENTS: readonly UnitTemplate[] = [
  { name: "区委办公室", kind: "PARTY_BODY", shortName: "区委办", core: true },
  { name: "区委组织部", kind: "PARTY_BODY", shortName: "组织部", core: true },
  { name: "区委宣传部", kind: "PARTY_BODY", shortName: "宣传部", core: true },
  { name: "区委统战部", kind: "PARTY_BODY", shortName: "统战部" },
  { name: "区委政法委", kind: "PARTY_BODY", shortName: "政法委", core: true },
  { name: "区委编办", kind: "PARTY_BODY", shortName: "编办", aliases: ["区委机构编制委员会办公室"] },
  { name: "区委网信办", kind: "PARTY_BODY", shortName: "网信办", aliases: ["区网信办"] },
  { name: "区委依法治区办", kind: "PARTY_BODY", shortName: "依法治区办", core: true, aliases: ["区委依法治区委办公室"] },
  { name: "区纪委监委", kind: "PARTY_BODY", shortName: "纪委监委", aliases: ["区纪委区监委"] },
  { name: "区委巡察办", kind: "PARTY_BODY", shortName: "巡察办" },
  { name: "区委党校", kind: "PARTY_BODY", shortName: "党校" },
  { name: "区直机关工委", kind: "PARTY_BODY", shortName: "机关工委" },
  { name: "区委社会工作部", kind: "PARTY_BODY", shortName: "社会工作部" },
  { name: "区政府办公室", kind: "GOVERNMENT_DEPARTMENT", shortName: "区政府办", core: true },
  { name: "区司法局", kind: "GOVERNMENT_DEPARTMENT", shortName: "司法局", core: true },
  { name: "区发改局", kind: "GOVERNMENT_DEPARTMENT", shortName: "发改局", core: true, aliases: ["区发改委", "区发展改革委"] },
  { name: "区教育局", kind: "GOVERNMENT_DEPARTMENT", shortName: "教育局", aliases: ["区教委"] },
  { name: "区科技局", kind: "GOVERNMENT_DEPARTMENT", shortName: "科技局" },
  { name: "区经信局", kind: "GOVERNMENT_DEPARTMENT", shortName: "经信局", aliases: ["区经济和信息化局"] },
  { name: "公安分局", kind: "GOVERNMENT_DEPARTMENT", shortName: "公安分局", core: true, enforcement: true, aliases: ["区公安分局"] },
  { name: "区民政局", kind: "GOVERNMENT_DEPARTMENT", shortName: "民政局" },
  { name: "区财政局", kind: "GOVERNMENT_DEPARTMENT", shortName: "财政局", core: true },
  { name: "区人社局", kind: "GOVERNMENT_DEPARTMENT", shortName: "人社局", enforcement: true, aliases: ["区人力资源社会保障局"] },
  { name: "区自然资源和规划局", kind: "GOVERNMENT_DEPARTMENT", shortName: "自然资源局", enforcement: true },
  { name: "区生态环境分局", kind: "GOVERNMENT_DEPARTMENT", shortName: "生态环境分局", enforcement: true, aliases: ["区生态环境局"] },
  { name: "区住建局", kind: "GOVERNMENT_DEPARTMENT", shortName: "住建局", enforcement: true, aliases: ["区住房城乡建设局"] },
  { name: "区城管执法局", kind: "GOVERNMENT_DEPARTMENT", shortName: "城管执法局", enforcement: true },
  { name: "区交通运输局", kind: "GOVERNMENT_DEPARTMENT", shortName: "交通局", enforcement: true, aliases: ["区交通局"] },
  { name: "区水务局", kind: "GOVERNMENT_DEPARTMENT", shortName: "水务局", enforcement: true },
  { name: "区农业农村局", kind: "GOVERNMENT_DEPARTMENT", shortName: "农业农村局", enforcement: true },
  { name: "区商务局", kind: "GOVERNMENT_DEPARTMENT", shortName: "商务局" },
  { name: "区文旅局", kind: "GOVERNMENT_DEPARTMENT", shortName: "文旅局", enforcement: true, aliases: ["区文化和旅游局"] },
  { name: "区卫健局", kind: "GOVERNMENT_DEPARTMENT", shortName: "卫健局", enforcement: true, aliases: ["区卫健委", "区卫生健康委"] },
  { name: "区退役军人事务局", kind: "GOVERNMENT_DEPARTMENT", shortName: "退役军人局" },
  { name: "区应急管理局", kind: "GOVERNMENT_DEPARTMENT", shortName: "应急局", enforcement: true, aliases: ["区应急局"] },
  { name: "区审计局", kind: "GOVERNMENT_DEPARTMENT", shortName: "审计局" },
  { name: "区国资委", kind: "GOVERNMENT_DEPARTMENT", shortName: "国资委", aliases: ["区国资局"] },
  {
    name: "区市场监管局",
    kind: "GOVERNMENT_DEPARTMENT",
    shortName: "市场监管局",
    core: true,
    enforcement: true,
    aliases: ["区市场监督管理局"],
  },
  { name: "区统计局", kind: "GOVERNMENT_DEPARTMENT", shortName: "统计局", enforcement: true },
  { name: "区医保局", kind: "GOVERNMENT_DEPARTMENT", shortName: "医保局", enforcement: true },
  { name: "区林业局", kind: "GOVERNMENT_DEPARTMENT", shortName: "林业局", enforcement: true },
  { name: "区信访局", kind: "GOVERNMENT_DEPARTMENT", shortName: "信访局", aliases: ["区信访办"] },
  { name: "区政务服务和大数据局", kind: "GOVERNMENT_DEPARTMENT", shortName: "政数局", aliases: ["区政务服务局"] },
  { name: "区税务局", kind: "GOVERNMENT_DEPARTMENT", shortName: "税务局", enforcement: true },
  { name: "区人防办", kind: "GOVERNMENT_DEPARTMENT", shortName: "人防办" },
  { name: "区机关事务管理局", kind: "GOVERNMENT_DEPARTMENT", shortName: "机关事务局" },
  { name: "区档案馆", kind: "GOVERNMENT_DEPARTMENT", shortName: "档案馆" },
  { name: "区体育局", kind: "GOVERNMENT_DEPARTMENT", shortName: "体育局" },
  { name: "区数据局", kind: "GOVERNMENT_DEPARTMENT", shortName: "数据局" },
  { name: "区消防救援大队", kind: "GOVERNMENT_DEPARTMENT", shortName: "消防救援大队", enforcement: true },
  { name: "区法院", kind: "JUDICIAL_BODY", shortName: "法院", core: true, aliases: ["区人民法院"] },
  { name: "区检察院", kind: "JUDICIAL_BODY", shortName: "检察院", core: true, aliases: ["区人民检察院"] },
  { name: "区人大常委会办公室", kind: "PEOPLES_ORGANISATION", shortName: "人大办" },
  { name: "区人大常委会法工委", kind: "PEOPLES_ORGANISATION", shortName: "人大法工委" },
  { name: "区政协办公室", kind: "PEOPLES_ORGANISATION", shortName: "政协办" },
  { name: "区总工会", kind: "PEOPLES_ORGANISATION", shortName: "总工会" },
  { name: "团区委", kind: "PEOPLES_ORGANISATION", shortName: "团区委" },
  { name: "区妇联", kind: "PEOPLES_ORGANISATION", shortName: "妇联" },
  { name: "区工商联", kind: "PEOPLES_ORGANISATION", shortName: "工商联" },
  { name: "区科协", kind: "PEOPLES_ORGANISATION", shortName: "科协" },
  { name: "区残联", kind: "PEOPLES_ORGANISATION", shortName: "残联" },
  { name: "区律师协会", kind: "PEOPLES_ORGANISATION", shortName: "律师协会" },
  { name: "区城投集团", kind: "STATE_ENTERPRISE", shortName: "城投集团" },
  { name: "区国有资产经营公司", kind: "STATE_ENTERPRISE", shortName: "国资公司" },
  { name: "区文旅集团", kind: "STATE_ENTERPRISE", shortName: "文旅集团" },
  { name: "经开区管委会", kind: "OTHER", shortName: "经开区", aliases: ["经开区"] },
  { name: "区融媒体中心", kind: "OTHER", shortName: "融媒体中心" },
  { name: "区公共法律服务中心", kind: "OTHER", shortName: "公法中心" },
  { name: "区行政复议委员会", kind: "OTHER", shortName: "复议委" },
];

/** First characters of street and town names; a district draws 8–14 of them. */
export const PLACE_STEMS: readonly string[] = [
  "东城",
  "西城",
  "南湖",
  "北苑",
  "新华",
  "城关",
  "青山",
  "白沙",
  "太平",
  "永安",
  "长乐",
  "和平",
  "解放",
  "滨江",
  "龙泉",
  "金山",
  "杨柳",
  "石桥",
  "花园",
  "桃源",
  "清河",
  "双井",
  "望江",
  "锦绣",
  "柳林",
  "凤凰",
  "高新",
  "文昌",
];

export const TOWN_UNIT_SUFFIXES: readonly { suffix: string; kind: UnitKind }[] = [
  { suffix: "司法所", kind: "GOVERNMENT_DEPARTMENT" },
  { suffix: "综合行政执法队", kind: "GOVERNMENT_DEPARTMENT" },
  { suffix: "党政办公室", kind: "PARTY_BODY" },
];

/** City names (the province is fictitious, so are they); numbered beyond the list. */
export const CITY_NAMES: readonly string[] = [
  "江州",
  "云泽",
  "临川",
  "安平",
  "清源",
  "宁远",
  "丰城",
  "澄江",
  "嘉禾",
  "岳阳湖",
  "长泰",
  "柏溪",
];

const DISTRICT_HEADS = [
  "东",
  "西",
  "南",
  "北",
  "新",
  "青",
  "白",
  "金",
  "长",
  "永",
  "安",
  "兴",
  "平",
  "云",
  "清",
  "海",
  "龙",
  "凤",
  "文",
  "泰",
];
const DISTRICT_TAILS = ["湖", "山", "江", "城", "阳", "川", "林", "源", "河", "洲"];

/** A district name unique among any 200 consecutive district numbers. */
export function districtName(districtNo: number): string {
  const i = (districtNo - 1) % (DISTRICT_HEADS.length * DISTRICT_TAILS.length);
  return `${DISTRICT_HEADS[i % DISTRICT_HEADS.length]}${DISTRICT_TAILS[Math.floor(i / DISTRICT_HEADS.length)]}区`;
}

export function cityName(cityNo: number): string {
  return cityNo <= CITY_NAMES.length ? `${CITY_NAMES[cityNo - 1]}市` : `模拟第${cityNo}市`;
}

export const PROVINCE_NAME = "模拟省";

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰文斌波宁海燕欣怡晨宇浩然子涵思远嘉";

export function personName(pick: (n: number) => number): string {
  const surname = SURNAMES[pick(SURNAMES.length)]!;
  const length = pick(3) === 0 ? 1 : 2;
  let given = "";
  for (let i = 0; i < length; i++) given += GIVEN[pick(GIVEN.length)]!;
  return surname + given;
}

// Progress report wording: short, as liaisons write them.
export const PROGRESS_TEXTS: readonly string[] = [
  "已制定工作方案,明确责任分工和时间节点,按计划推进。",
  "召开专题推进会,梳理存在问题,形成整改清单。",
  "完成阶段性任务,相关制度文件已起草,正在征求意见。",
  "组织开展专题培训,覆盖相关工作人员。",
  "开展专项检查,发现问题已督促整改。",
  "相关工作纳入年度重点任务,按月调度推进。",
  "已完成调研摸底,形成调研报告。",
  "配合牵头单位提供材料,按要求推进落实。",
  "建立工作台账,实行清单化管理。",
  "开展普法宣传活动,发放宣传资料。",
  "推进信息化平台建设,已完成主要功能开发。",
  "对照目标任务逐项落实,整体进度符合预期。",
  "完成相关规范性文件合法性审核。",
  "组织案卷评查,评查结果已通报。",
  "联合相关部门开展督导检查。",
  "总结经验做法,形成典型案例材料。",
];

export const NO_CHANGE_TEXT = "本期无新进展,继续按计划推进。";

export const COMPLETED_TEXTS: readonly string[] = [
  "任务已全部完成,相关制度文件已印发实施。",
  "已按期完成各项工作,佐证材料已上传。",
  "目标任务全部完成,转入常态化管理。",
  "已完成并通过验收,形成长效机制。",
];

export const RETURN_COMMENTS: readonly string[] = [
  "请补充佐证材料。",
  "进展描述过于笼统,请补充具体数据和成效。",
  "完成情况与时间节点不符,请核实后重新报送。",
  "请说明存在的困难和下一步措施。",
  "佐证材料与本期工作无关,请重新上传。",
];

export const EXTENSION_REASONS: readonly string[] = [
  "上级配套政策尚未出台,需待政策明确后推进。",
  "涉及多部门协调,工作量较大,申请延期。",
  "受项目招投标进度影响,需顺延完成时限。",
  "系统建设需与市级平台对接,对接进度滞后。",
];
