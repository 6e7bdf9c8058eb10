package dev.hearth.gateway.discovery.homeassistant;

import java.util.Map;

/**
 * Home Assistant's abbreviated discovery keys (home-assistant/core, homeassistant/components/mqtt/abbreviations.py),
 * the ones for the components Hearth reads. A key not listed is kept as written: full names need no expansion.
 */
final class HaAbbreviations {
    static final Map<String, String> ENTITY = Map.ofEntries(
            Map.entry("act_t", "action_topic"), Map.entry("act_tpl", "action_template"),
            Map.entry("atype", "automation_type"), Map.entry("avty", "availability"),
            Map.entry("avty_mode", "availability_mode"), Map.entry("avty_t", "availability_topic"),
            Map.entry("avty_tpl", "availability_template"), Map.entry("bri_cmd_t", "brightness_command_topic"),
            Map.entry("bri_cmd_tpl", "brightness_command_template"), Map.entry("bri_scl", "brightness_scale"),
            Map.entry("bri_stat_t", "brightness_state_topic"), Map.entry("bri_val_tpl", "brightness_value_template"),
            Map.entry("clr_temp_cmd_t", "color_temp_command_topic"), Map.entry("clr_temp_cmd_tpl", "color_temp_command_template"),
            Map.entry("clr_temp_stat_t", "color_temp_state_topic"), Map.entry("clr_temp_val_tpl", "color_temp_value_template"),
            Map.entry("cmd_off_tpl", "command_off_template"), Map.entry("cmd_on_tpl", "command_on_template"),
            Map.entry("cmd_t", "command_topic"), Map.entry("cmd_tpl", "command_template"),
            Map.entry("cmps", "components"), Map.entry("curr_temp_t", "current_temperature_topic"),
            Map.entry("curr_temp_tpl", "current_temperature_template"), Map.entry("dev", "device"),
            Map.entry("dev_cla", "device_class"), Map.entry("e", "encoding"), Map.entry("en", "enabled_by_default"),
            Map.entry("ent_cat", "entity_category"), Map.entry("exp_aft", "expire_after"),
            Map.entry("fan_mode_cmd_t", "fan_mode_command_topic"), Map.entry("fan_mode_stat_t", "fan_mode_state_topic"),
            Map.entry("fan_mode_stat_tpl", "fan_mode_state_template"), Map.entry("frc_upd", "force_update"),
            Map.entry("ic", "icon"), Map.entry("json_attr_t", "json_attributes_topic"),
            Map.entry("json_attr_tpl", "json_attributes_template"), Map.entry("max_mirs", "max_mireds"),
            Map.entry("min_mirs", "min_mireds"), Map.entry("mode_cmd_t", "mode_command_topic"),
            Map.entry("mode_cmd_tpl", "mode_command_template"), Map.entry("mode_stat_t", "mode_state_topic"),
            Map.entry("mode_stat_tpl", "mode_state_template"), Map.entry("o", "origin"), Map.entry("obj_id", "object_id"),
            Map.entry("off_dly", "off_delay"), Map.entry("ops", "options"), Map.entry("opt", "optimistic"),
            Map.entry("osc_cmd_t", "oscillation_command_topic"), Map.entry("osc_stat_t", "oscillation_state_topic"),
            Map.entry("osc_val_tpl", "oscillation_value_template"), Map.entry("p", "platform"),
            Map.entry("pct_cmd_t", "percentage_command_topic"), Map.entry("pct_cmd_tpl", "percentage_command_template"),
            Map.entry("pct_stat_t", "percentage_state_topic"), Map.entry("pct_val_tpl", "percentage_value_template"),
            Map.entry("pl", "payload"), Map.entry("pl_avail", "payload_available"), Map.entry("pl_cls", "payload_close"),
            Map.entry("pl_lock", "payload_lock"), Map.entry("pl_not_avail", "payload_not_available"),
            Map.entry("pl_off", "payload_off"), Map.entry("pl_on", "payload_on"), Map.entry("pl_open", "payload_open"),
            Map.entry("pl_prs", "payload_press"), Map.entry("pl_stop", "payload_stop"), Map.entry("pl_unlk", "payload_unlock"),
            Map.entry("pos_clsd", "position_closed"), Map.entry("pos_open", "position_open"),
            Map.entry("pos_t", "position_topic"), Map.entry("pos_tpl", "position_template"),
            Map.entry("pr_mode_cmd_t", "preset_mode_command_topic"), Map.entry("pr_mode_cmd_tpl", "preset_mode_command_template"),
            Map.entry("pr_mode_stat_t", "preset_mode_state_topic"), Map.entry("pr_mode_val_tpl", "preset_mode_value_template"),
            Map.entry("pr_modes", "preset_modes"), Map.entry("ret", "retain"),
            Map.entry("set_pos_t", "set_position_topic"), Map.entry("set_pos_tpl", "set_position_template"),
            Map.entry("spd_rng_max", "speed_range_max"), Map.entry("spd_rng_min", "speed_range_min"),
            Map.entry("stat_cla", "state_class"), Map.entry("stat_clsd", "state_closed"), Map.entry("stat_closing", "state_closing"),
            Map.entry("stat_jam", "state_jammed"), Map.entry("stat_locked", "state_locked"), Map.entry("stat_locking", "state_locking"),
            Map.entry("stat_off", "state_off"), Map.entry("stat_on", "state_on"), Map.entry("stat_open", "state_open"),
            Map.entry("stat_opening", "state_opening"), Map.entry("stat_stopped", "state_stopped"),
            Map.entry("stat_t", "state_topic"), Map.entry("stat_tpl", "state_template"),
            Map.entry("stat_unlocked", "state_unlocked"), Map.entry("stat_unlocking", "state_unlocking"),
            Map.entry("stat_val_tpl", "state_value_template"), Map.entry("stype", "subtype"),
            Map.entry("sug_dsp_prc", "suggested_display_precision"), Map.entry("sup_clrm", "supported_color_modes"),
            Map.entry("t", "topic"), Map.entry("temp_cmd_t", "temperature_command_topic"),
            Map.entry("temp_cmd_tpl", "temperature_command_template"), Map.entry("temp_stat_t", "temperature_state_topic"),
            Map.entry("temp_stat_tpl", "temperature_state_template"), Map.entry("temp_unit", "temperature_unit"),
            Map.entry("uniq_id", "unique_id"), Map.entry("unit_of_meas", "unit_of_measurement"),
            Map.entry("val_tpl", "value_template"));

    static final Map<String, String> DEVICE = Map.of("cns", "connections", "cu", "configuration_url",
            "ids", "identifiers", "mf", "manufacturer", "mdl", "model", "mdl_id", "model_id", "hw", "hw_version",
            "sw", "sw_version", "sa", "suggested_area", "sn", "serial_number");

    private HaAbbreviations() {
    }
}
