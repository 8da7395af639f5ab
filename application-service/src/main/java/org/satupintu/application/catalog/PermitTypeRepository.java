package org.satupintu.application.catalog;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

interface PermitTypeRepository extends MongoRepository<PermitType, String> {

    List<PermitType> findAllByOrderByCodeAsc();
}
