// Package gormcase exercises the gorm sinks: whole statements and fragments.
package gormcase

import "gorm.io/gorm"

type Deal struct{}

func gormCalls(db *gorm.DB, tenant, id int64, col string) {
	var ds []Deal
	db.Raw("SELECT * FROM deals WHERE id = ?", id).Scan(&ds) // want `unpinned: table "deals"`
	db.Raw("SELECT * FROM deals WHERE tenant_id = ?", tenant).Scan(&ds)
	db.Exec("DELETE FROM deals WHERE id = ?", id) // want `unpinned: table "deals"`
	db.Exec("UPDATE deals SET stage = 'won' WHERE tenant_id = ? AND id = ?", tenant, id)
	db.Raw("SELECT * FROM deals WHERE " + col).Scan(&ds) // want `bypass: SQL passed to \(\*gorm.DB\).Raw is not built by tenantq`
	db.Where("tenant_id = ?", tenant).Find(&ds)          // want `bypass: SQL fragment passed to \(\*gorm.DB\).Where is composed into a statement by gorm, so its tenant scope cannot be verified; build the statement with tenantq and run it with \(\*gorm.DB\).Raw, or add //tenantvet:ignore <reason>` `bypass: \(\*gorm.DB\).Find runs a statement that gorm builds`
	// A struct or map condition is quoted by gorm, but the statement is still gorm's.
	db.Where(map[string]any{"tenant_id": tenant}).Find(&ds)      // want `bypass: \(\*gorm.DB\).Find runs`
	db.Where(&Deal{}).Find(&ds)                                  // want `bypass: \(\*gorm.DB\).Find runs`
	db.Or("id = ?", id).Find(&ds)                                // want `bypass: SQL fragment passed to \(\*gorm.DB\).Or` `bypass: \(\*gorm.DB\).Find runs`
	db.Not("stage = ?", "lost").Find(&ds)                        // want `bypass: SQL fragment passed to \(\*gorm.DB\).Not` `bypass: \(\*gorm.DB\).Find runs`
	db.Joins("JOIN notes ON notes.deal_id = deals.id").Find(&ds) // want `bypass: SQL fragment passed to \(\*gorm.DB\).Joins` `bypass: \(\*gorm.DB\).Find runs`
	db.Table("deals").Find(&ds)                                  // want `bypass: SQL fragment passed to \(\*gorm.DB\).Table` `bypass: \(\*gorm.DB\).Find runs`
	db.Model(&Deal{}).Find(&ds)                                  // want `bypass: \(\*gorm.DB\).Find runs`
}
