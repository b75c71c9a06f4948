/**
 * Data elements: the raw counts and amounts reported per org unit per month
 * (DOMAIN.md §3, §5). Codes, Chinese names and aggregation types are DOMAIN.md
 * §5's; English names are ours.
 *
 * - value type `count` is a whole number of persons, items or events;
 *   `cny` is an amount in yuan (CNY).
 * - aggregation type `flow` sums over the months of a period; `stock` takes,
 *   for each org unit, its value in the last month of the period in which it
 *   has one (DHIS2's "last value"). Both sum over org units.
 */
import { z } from "zod";

export type ValueType = "count" | "cny";
export type AggregationType = "flow" | "stock";

export interface DataElement {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly valueType: ValueType;
  readonly aggregationType: AggregationType;
}

export const DATA_ELEMENTS: readonly DataElement[] = [
  { code: "villages_total", nameZh: "村（社区）总数", nameEn: "Villages and communities", valueType: "count", aggregationType: "stock" },
  { code: "associations_established", nameZh: "已建残协村（社区）数", nameEn: "Villages with a disabled persons' association", valueType: "count", aggregationType: "stock" },
  { code: "activity_venues", nameZh: "已开辟活动场所村（社区）数", nameEn: "Villages with an activity venue", valueType: "count", aggregationType: "stock" },
  { code: "villages_work_active", nameZh: "已开展工作村（社区）数", nameEn: "Villages with disability work under way", valueType: "count", aggregationType: "stock" },
  { code: "committee_member_posts", nameZh: "专职委员应配人数", nameEn: "Committee-member posts", valueType: "count", aggregationType: "stock" },
  { code: "committee_members_in_post", nameZh: "专职委员实配人数", nameEn: "Committee members in post", valueType: "count", aggregationType: "stock" },
  { code: "committee_members_paid", nameZh: "领取工作补贴专职委员人数", nameEn: "Committee members paid a work allowance", valueType: "count", aggregationType: "stock" },
  { code: "committee_allowance_cny", nameZh: "专职委员工作补贴（元）", nameEn: "Committee-member work allowance paid (CNY)", valueType: "cny", aggregationType: "flow" },
  { code: "investigators_trained", nameZh: "培训调查员人数", nameEn: "Investigators trained for the data update", valueType: "count", aggregationType: "flow" },
  { code: "certified_persons", nameZh: "持证残疾人数", nameEn: "Certified disabled persons", valueType: "count", aggregationType: "stock" },
  { code: "records_updated", nameZh: "动态更新完成人数", nameEn: "Records updated in the dynamic update", valueType: "count", aggregationType: "flow" },
  { code: "certificates_issued_cumulative", nameZh: "累计发放二代残疾人证数", nameEn: "Second-generation certificates issued, cumulative", valueType: "count", aggregationType: "stock" },
  { code: "volunteer_stations", nameZh: "助残志愿者联络站数", nameEn: "Volunteer stations", valueType: "count", aggregationType: "stock" },
  { code: "volunteer_points", nameZh: "助残志愿者联络点数", nameEn: "Volunteer points", valueType: "count", aggregationType: "stock" },
  { code: "volunteers_registered", nameZh: "注册助残志愿者人数", nameEn: "Registered volunteers", valueType: "count", aggregationType: "stock" },
  { code: "articles_published", nameZh: "发表宣传稿件篇数", nameEn: "Publicity articles published", valueType: "count", aggregationType: "flow" },
  { code: "articles_national_site", nameZh: "中国残联网站登载条数", nameEn: "Articles on the national federation's site", valueType: "count", aggregationType: "flow" },
  { code: "articles_city_daily", nameZh: "市级日报发表篇数", nameEn: "Articles in the city daily", valueType: "count", aggregationType: "flow" },
  { code: "films_broadcast", nameZh: "专题片播出部数", nameEn: "Documentary films broadcast", valueType: "count", aggregationType: "flow" },
  { code: "policy_leaflets", nameZh: "发放政策宣传材料份数", nameEn: "Policy leaflets handed out", valueType: "count", aggregationType: "flow" },
  { code: "cataract_screened", nameZh: "白内障筛查人数", nameEn: "Persons screened for cataract", valueType: "count", aggregationType: "flow" },
  { code: "cataract_surgeries", nameZh: "白内障复明手术例数", nameEn: "Cataract surgeries", valueType: "count", aggregationType: "flow" },
  { code: "health_checks", nameZh: "免费体检人数", nameEn: "Free health checks", valueType: "count", aggregationType: "flow" },
  { code: "rehab_children_trained", nameZh: "康复训练残疾儿童数", nameEn: "Children given rehabilitation training", valueType: "count", aggregationType: "flow" },
  { code: "rehab_children_effective", nameZh: "康复有效残疾儿童数", nameEn: "Children with effective rehabilitation", valueType: "count", aggregationType: "flow" },
  { code: "parent_trainings", nameZh: "家长培训人次", nameEn: "Parent training person-times", valueType: "count", aggregationType: "flow" },
  { code: "parents_surveyed", nameZh: "满意度调查家长人数", nameEn: "Parents surveyed for satisfaction", valueType: "count", aggregationType: "flow" },
  { code: "parents_satisfied", nameZh: "满意家长人数", nameEn: "Parents satisfied", valueType: "count", aggregationType: "flow" },
  { code: "nursing_subsidy_recipients", nameZh: "重度残疾人护理补贴人数", nameEn: "Severe-disability nursing subsidy recipients", valueType: "count", aggregationType: "stock" },
  { code: "nursing_subsidy_cny", nameZh: "重度残疾人护理补贴金额（元）", nameEn: "Severe-disability nursing subsidy paid (CNY)", valueType: "cny", aggregationType: "flow" },
  { code: "living_subsidy_recipients", nameZh: "困难残疾人生活补贴人数", nameEn: "Hardship living subsidy recipients", valueType: "count", aggregationType: "stock" },
  { code: "living_subsidy_cny", nameZh: "困难残疾人生活补贴金额（元）", nameEn: "Hardship living subsidy paid (CNY)", valueType: "cny", aggregationType: "flow" },
  { code: "elderly_allowance_recipients", nameZh: "残疾老人生活补助人数", nameEn: "Elderly disabled living allowance recipients", valueType: "count", aggregationType: "stock" },
  { code: "elderly_allowance_cny", nameZh: "残疾老人生活补助金额（元）", nameEn: "Elderly disabled living allowance paid (CNY)", valueType: "cny", aggregationType: "flow" },
  { code: "fuel_subsidy_recipients", nameZh: "机动车燃油补贴人数", nameEn: "Motor-vehicle fuel subsidy recipients", valueType: "count", aggregationType: "stock" },
  { code: "fuel_subsidy_cny", nameZh: "机动车燃油补贴金额（元）", nameEn: "Motor-vehicle fuel subsidy paid (CNY)", valueType: "cny", aggregationType: "flow" },
  { code: "legal_events", nameZh: "法律法规宣传活动场次", nameEn: "Legal publicity events", valueType: "count", aggregationType: "flow" },
  { code: "legal_leaflets", nameZh: "发放法律宣传资料份数", nameEn: "Legal leaflets handed out", valueType: "count", aggregationType: "flow" },
  { code: "legal_consultations", nameZh: "法律咨询服务人次", nameEn: "Legal consultations", valueType: "count", aggregationType: "flow" },
  { code: "rights_cases_received", nameZh: "受理维权案件数", nameEn: "Rights cases received", valueType: "count", aggregationType: "flow" },
  { code: "rights_cases_closed", nameZh: "办结维权案件数", nameEn: "Rights cases closed", valueType: "count", aggregationType: "flow" },
  { code: "petitions_received", nameZh: "受理网络信访件数", nameEn: "Online petitions received", valueType: "count", aggregationType: "flow" },
  { code: "petitions_closed", nameZh: "办结网络信访件数", nameEn: "Online petitions closed", valueType: "count", aggregationType: "flow" },
  { code: "white_canes_given", nameZh: "发放盲杖数", nameEn: "White canes given", valueType: "count", aggregationType: "flow" },
  { code: "orientation_trainees", nameZh: "定向行走培训人数", nameEn: "Orientation and mobility trainees", valueType: "count", aggregationType: "flow" },
  { code: "school_age_children", nameZh: "适龄残疾儿童少年数", nameEn: "School-age disabled children", valueType: "count", aggregationType: "stock" },
  { code: "children_enrolled", nameZh: "已入学适龄残疾儿童少年数", nameEn: "School-age disabled children enrolled", valueType: "count", aggregationType: "stock" },
  { code: "student_grant_recipients", nameZh: "发放助学金人数", nameEn: "Students given grants", valueType: "count", aggregationType: "flow" },
  { code: "student_grant_cny", nameZh: "发放助学金金额（元）", nameEn: "Student grants paid (CNY)", valueType: "cny", aggregationType: "flow" },
  { code: "holiday_visits", nameZh: "走访慰问残疾人户数", nameEn: "Holiday home visits (households)", valueType: "count", aggregationType: "flow" },
  { code: "ecommerce_funds_cny", nameZh: "电子商务创业扶持资金（元）", nameEn: "E-commerce incubation funds (CNY)", valueType: "cny", aggregationType: "flow" },
];

const BY_CODE = new Map(DATA_ELEMENTS.map((d) => [d.code, d]));

export const DATA_ELEMENT_CODES: readonly string[] = DATA_ELEMENTS.map((d) => d.code);

export class UnknownDataElement extends Error {
  constructor(readonly code: string) {
    super(`Unknown data element "${code}" / 未知的数据元. Valid data elements: ${DATA_ELEMENT_CODES.join(", ")}`);
    this.name = "UnknownDataElement";
  }
}

/** The data element with this code; throws {@link UnknownDataElement} listing the valid codes. */
export function dataElement(code: string): DataElement {
  const d = BY_CODE.get(code);
  if (!d) throw new UnknownDataElement(code);
  return d;
}

export function isDataElementCode(code: string): boolean {
  return BY_CODE.has(code);
}

export const DataElementCodeSchema = z.string().refine(isDataElementCode, {
  message: "unknown data element code (未知的数据元代码)",
});
